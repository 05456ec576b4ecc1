using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>The steps the tests share: events in, the coordinator's calls, and what the service stored.</summary>
internal static class Steps
{
    public const string Acme = "556677-8899";
    public const string Volvo = "556012-5790";
    public const string Sole = "811218-9876";

    public static Metadata Coordinator => TestTokens.As(Roles.ProcurementCoordinator, subject: "koordinator");

    public static UpphandlingService.UpphandlingServiceClient Client(this UpphandlingFactory factory) => new(factory.CreateGrpcChannel());

    /// <summary>Delivers RecommendationPublished through the service's dispatcher, as either bus does.</summary>
    public static async Task<RecommendationSnapshot> PublishRecommendationAsync(this UpphandlingFactory factory, string? eventId = null,
        RecommendationSnapshot? recommendation = null)
    {
        recommendation ??= new RecommendationSnapshot
        {
            RecommendationId = Guid.NewGuid().ToString(),
            Number = "MTP-2027-0" + Random.Shared.Next(10, 99),
            Version = 1,
            CaseId = Guid.NewGuid().ToString(),
            ProductDisplayName = "Glukossensor X",
            ProgrammeAreaCodes = { "endokrina-sjukdomar" },
            Outcome = RecommendationOutcome.CanUse,
            Level = RecommendationLevel.National,
            Summary = "Kan användas inom uppföljning.",
            PublishTime = Timestamp.FromDateTimeOffset(factory.Clock.GetUtcNow()),
        };
        var payload = new RecommendationPublished { Recommendation = recommendation };
        var envelope = new EventEnvelope(eventId ?? Guid.NewGuid().ToString(), RecommendationPublished.Descriptor.FullName, "samverkan/tests", factory.Clock.GetUtcNow(),
            null, JsonFormatter.Default.Format(payload));
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
        return recommendation;
    }

    /// <summary>Delivers RecommendationRevised for a new version of <paramref name="recommendation"/> through the dispatcher.</summary>
    public static async Task<RecommendationSnapshot> ReviseRecommendationAsync(this UpphandlingFactory factory, RecommendationSnapshot recommendation,
        string changeSummary, string? eventId = null)
    {
        var revised = recommendation.Clone();
        revised.Version = recommendation.Version + 1;
        revised.ProductDisplayName = recommendation.ProductDisplayName + " 2";
        var payload = new RecommendationRevised
        {
            Recommendation = revised,
            PreviousVersion = recommendation.Version,
            ChangeSummary = changeSummary,
            Audit = new AuditInfo { Actor = new Actor { Subject = "sekreterare", Organisation = "MTP-rådet" }, Reason = "Ny version." },
        };
        var envelope = new EventEnvelope(eventId ?? Guid.NewGuid().ToString(), RecommendationRevised.Descriptor.FullName, "samverkan/tests", factory.Clock.GetUtcNow(),
            null, JsonFormatter.Default.Format(payload));
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
        return revised;
    }

    public static async Task<CoordinationItem> ItemForAsync(this UpphandlingFactory factory, string recommendationId)
    {
        var response = await factory.Client().ListCoordinationItemsAsync(new ListCoordinationItemsRequest { PageSize = 100 }, Coordinator);
        return response.CoordinationItems.Single(i => i.RecommendationId == recommendationId);
    }

    public static DynamicPurchasingSystem System(string recommendationId) => new()
    {
        Title = "Glukossensorer 2027–2031",
        CpvCodes = { "33140000-3" },
        Categories =
        {
            new DynamicPurchasingSystemCategory { Title = "Sensorer", QualificationRequirements = "CE-märkning, ISO 13485" },
            new DynamicPurchasingSystemCategory { Title = "Mjukvara", QualificationRequirements = "MDR klass IIa" },
        },
        ValidityStartDate = new Date { Year = 2027, Month = 3, Day = 22 },
        ValidityEndDate = new Date { Year = 2031, Month = 3, Day = 21 },
        ProcurementRegionCode = "G",
        RegionCodes = { "07", "10", "13" },
        RecommendationIds = { recommendationId },
        // No first application window: the tests of the normal 10/15 working days; SetUpPhaseTests use the window.
        SetUpWindowDays = 0,
    };

    public static async Task<DynamicPurchasingSystem> PublishedSystemAsync(this UpphandlingFactory factory, string recommendationId,
        DynamicPurchasingSystem? template = null)
    {
        var client = factory.Client();
        var system = (await client.CreateDynamicPurchasingSystemAsync(
            new CreateDynamicPurchasingSystemRequest { RequestId = Guid.NewGuid().ToString(), System = template ?? System(recommendationId) }, Coordinator)).DynamicPurchasingSystem;
        var published = (await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = system.Name, Etag = system.Etag, Reason = "Annonserat." }, Coordinator)).DynamicPurchasingSystem;
        Assert.Equal([("dynamic-purchasing-system.created", "koordinator"), ("dynamic-purchasing-system.published", "koordinator")], await factory.AuditAsync(system.Name));
        return published;
    }

    public static async Task<SupplierApplication> ApplyAsync(this UpphandlingFactory factory, DynamicPurchasingSystem system, string orgNumber, int category = 0,
        DateTimeOffset? received = null) =>
        (await factory.Client().SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[category].CategoryId,
            OrganisationNumber = orgNumber,
            SupplierName = "Leverantör " + orgNumber,
            ReceiveTime = received is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        }, Coordinator)).SupplierApplication;

    public static async Task<SupplierApplication> DecideAsync(this UpphandlingFactory factory, SupplierApplication application, QualificationDecision decision) =>
        (await factory.Client().DecideQualificationAsync(new DecideQualificationRequest
        {
            Name = application.Name,
            Etag = application.Etag,
            Decision = decision,
            Grounds = "Uppfyller kraven.",
        }, Coordinator)).SupplierApplication;

    /// <summary>The ProcurementStatusChanged events in the outbox, oldest first.</summary>
    public static async Task<List<ProcurementStatusChanged>> ProcurementEventsAsync(this UpphandlingFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpphandlingDbContext>();
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Type == ProcurementStatusChanged.Descriptor.FullName).OrderBy(m => m.Sequence).ToListAsync();
        return [.. rows.Select(m => ProcurementStatusChanged.Parser.ParseJson(m.Data))];
    }

    /// <summary>The audit trail of <paramref name="resource"/> as (action, actor) pairs, oldest first.</summary>
    public static async Task<List<(string Action, string Actor)>> AuditAsync(this UpphandlingFactory factory, string resource)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpphandlingDbContext>();
        var entries = await db.AuditTrail.AsNoTracking().Where(a => a.Resource == resource).OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorSubject }).ToListAsync();
        return [.. entries.Select(e => (e.Action, e.ActorSubject))];
    }

    /// <summary>How many rows each table holds, to show a refused request wrote nothing.</summary>
    public static async Task<string> RowCountsAsync(this UpphandlingFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpphandlingDbContext>();
        return string.Join(' ',
            await db.CoordinationItems.CountAsync(c => c.State == CoordinationItemState.Decided), await db.Contracts.CountAsync(),
            await db.PurchasingSystems.CountAsync(), await db.Applications.CountAsync(),
            await db.Applications.CountAsync(a => a.Decision != QualificationDecision.Unspecified || a.Extended),
            await db.CallOffs.CountAsync(), await db.Set<TenderRecord>().CountAsync(), await db.InnovationProcurements.CountAsync(),
            await db.Set<MilestoneRecord>().CountAsync(m => m.ReachedAt != null), await db.Outbox.CountAsync(), await db.AuditTrail.CountAsync());
    }

    /// <summary>Runs a call that must be refused and checks nothing was written.</summary>
    public static async Task<RpcException> RefusedAsync<T>(this UpphandlingFactory factory, Func<AsyncUnaryCall<T>> call, StatusCode expected)
    {
        var before = await factory.RowCountsAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(expected, error.StatusCode);
        Assert.Equal(before, await factory.RowCountsAsync());
        return error;
    }

    public static IEnumerable<string> Fields(this RpcException error) => error.FieldViolations().Select(f => f.Field);
}
