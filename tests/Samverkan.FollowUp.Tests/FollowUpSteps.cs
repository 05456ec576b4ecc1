using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

/// <summary>Publishing recommendations through the dispatcher (as either bus delivers them) and reporting as regions.</summary>
internal sealed class FollowUpSteps(FollowUpFactory factory)
{
    public FollowUpService.FollowUpServiceClient Client { get; } = new(factory.CreateGrpcChannel());

    public static Metadata Contact(string region) => TestTokens.As(Roles.RegionContact, region, subject: "kontakt-" + region);

    public static Metadata Operator => TestTokens.As(Roles.Operator);

    public DateOnly Today => factory.Clock.Today();

    public static string Name(string recommendationId, string region) => $"recommendations/{recommendationId}/followUps/{region}";

    public static RecommendationSnapshot Snapshot(string recommendationId, DateOnly deadline, int version = 1, DateTimeOffset? publishedAt = null) => new()
    {
        RecommendationId = recommendationId,
        Number = "MTP-2026-" + recommendationId[..4],
        Version = version,
        CaseId = Guid.NewGuid().ToString(),
        ProductDisplayName = "Sensor för glukosmätning",
        Outcome = RecommendationOutcome.CanUse,
        Level = RecommendationLevel.National,
        Summary = "Kan användas inom uppföljning.",
        FollowUpDeadline = new Date { Year = deadline.Year, Month = deadline.Month, Day = deadline.Day },
        ReviewDate = new Date { Year = deadline.Year + 2, Month = 1, Day = 1 },
        PublishTime = publishedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    /// <summary>Publishes a new recommendation due <paramref name="deadlineInDays"/> from today; returns its id.</summary>
    public async Task<string> PublishAsync(int deadlineInDays = 60)
    {
        var id = Guid.NewGuid().ToString();
        await DeliverAsync(new RecommendationPublished { Recommendation = Snapshot(id, Today.AddDays(deadlineInDays), publishedAt: factory.Clock.GetUtcNow()), Audit = Secretary() });
        return id;
    }

    public async Task<string> DeliverAsync(IMessage payload, string? eventId = null)
    {
        eventId ??= Guid.NewGuid().ToString();
        var envelope = new EventEnvelope(eventId, payload.Descriptor.FullName, "samverkan/tests", factory.Clock.GetUtcNow(), null, JsonFormatter.Default.Format(payload));
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
        return eventId;
    }

    public AuditInfo Secretary() => new()
    {
        Actor = new Actor { Subject = "sekreterare", Organisation = "MTP-rådet" },
        Time = Timestamp.FromDateTimeOffset(factory.Clock.GetUtcNow()),
        Reason = "Beslut vid rådets möte.",
    };

    public ReportStageRequest Stage(string recommendationId, string region, FollowUpStage stage) => new()
    {
        Name = Name(recommendationId, region),
        Stage = stage,
        Date = Date(Today),
    };

    public ReportStageRequest Decide(string recommendationId, string region, RegionalDecision decision = RegionalDecision.Follows) => new()
    {
        Name = Name(recommendationId, region),
        Stage = FollowUpStage.Decided,
        Date = Date(Today),
        Decision = decision,
        DecisionGrounds = "Beslut av hälso- och sjukvårdsdirektören efter PER:s förslag.",
        DecisionReference = "RS 2026-" + region,
        DocumentUri = "https://example.se/beslut/" + region,
    };

    public async Task<V1.FollowUp> ReportAsync(ReportStageRequest request, string region) =>
        (await Client.ReportStageAsync(request, Contact(region))).FollowUp;

    public async Task<V1.FollowUp> GetAsync(string recommendationId, string region) =>
        (await Client.GetFollowUpAsync(new GetFollowUpRequest { Name = Name(recommendationId, region) }, Operator)).FollowUp;

    public async Task<List<T>> OutboxAsync<T>(string recommendationId) where T : IMessage<T>, new()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        var type = new T().Descriptor.FullName;
        var data = await db.Outbox.Where(m => m.Type == type && m.Data.Contains(recommendationId)).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync();
        var parser = new MessageParser<T>(() => new T());
        return [.. data.Select(parser.ParseJson)];
    }

    /// <summary>How many rows each table holds, the follow-ups' versions and the uptake values, to show a refused request wrote nothing.</summary>
    public async Task<string> RowCountsAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return string.Join(' ',
            await db.FollowUps.CountAsync(), await db.FollowUps.SumAsync(f => f.Version), await db.Recommendations.CountAsync(),
            await db.StageReports.CountAsync(), await db.UptakeFigures.CountAsync(), (await db.UptakeFigures.Select(u => u.Value).ToListAsync()).Sum(),
            await db.Outbox.CountAsync(), await db.AuditTrail.CountAsync(), await db.Timers.CountAsync());
    }

    /// <summary>Runs a call that must be refused with <paramref name="expected"/> and checks nothing was written.</summary>
    public async Task<RpcException> RefusedAsync<T>(Func<AsyncUnaryCall<T>> call, StatusCode expected)
    {
        var before = await RowCountsAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(expected, error.StatusCode);
        Assert.Equal(before, await RowCountsAsync());
        return error;
    }

    public Task<int> FireTimersAsync() => factory.Services.GetRequiredService<TimerRunner<FollowUpDbContext>>().FireDueAsync(CancellationToken.None);

    public IDbContextFactory<FollowUpDbContext> Contexts() => factory.Services.GetRequiredService<IDbContextFactory<FollowUpDbContext>>();

    public static Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
