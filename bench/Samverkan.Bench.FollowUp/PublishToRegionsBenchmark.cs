extern alias standalone;

using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.FollowUp.Data;
using Samverkan.Notifications.Data;
using Samverkan.Testing;

namespace Samverkan.Bench.FollowUp;

/// <summary>
/// One RecommendationPublished handed to the standalone host's in-process bus (all five modules, SQLite files, one
/// silo), until the 21 regions' follow-ups are open and the Notifications feed has the item. The in-process bus
/// delivers to every subscribed handler before it accepts the event, so the measured call ends with the check that
/// both effects are there; a missing one fails the run rather than giving a number.
/// </summary>
[MinIterationCount(150)]
[MaxIterationCount(400)]
public class PublishToRegionsBenchmark
{
    private ServiceFactory<standalone::Program> _host = null!;
    private IEventBus _bus = null!;
    private IDbContextFactory<FollowUpDbContext> _followUps = null!;
    private IDbContextFactory<NotificationsDbContext> _notifications = null!;

    [GlobalSetup]
    public void Start()
    {
        _host = new ServiceFactory<standalone::Program>(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        _ = _host.Server;
        _bus = _host.Services.GetRequiredService<IEventBus>();
        _followUps = _host.Services.GetRequiredService<IDbContextFactory<FollowUpDbContext>>();
        _notifications = _host.Services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>();
    }

    [GlobalCleanup]
    public void Stop() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task PublishUntilEveryRegionIsOpenAndNotified()
    {
        var recommendationId = Guid.NewGuid();
        var published = new RecommendationPublished
        {
            Recommendation = new RecommendationSnapshot
            {
                RecommendationId = recommendationId.ToString(),
                Number = "MTP-BENCH",
                Version = 1,
                CaseId = Guid.NewGuid().ToString(),
                ProductDisplayName = "Benchmark product",
                Outcome = RecommendationOutcome.CanUse,
                Level = RecommendationLevel.National,
                FollowUpDeadline = new Date { Year = 2099, Month = 6, Day = 30 },
                PublishTime = Timestamp.FromDateTime(DateTime.UtcNow),
            },
        };
        var eventId = Guid.NewGuid().ToString();
        await _bus.PublishAsync(new EventEnvelope(eventId, RecommendationPublished.Descriptor.FullName, "samverkan/council", DateTimeOffset.UtcNow, null,
            JsonFormatter.Default.Format(published)), CancellationToken.None);

        await using var followUps = await _followUps.CreateDbContextAsync();
        var open = await followUps.FollowUps.CountAsync(f => f.RecommendationId == recommendationId);
        await using var notifications = await _notifications.CreateDbContextAsync();
        var notified = await notifications.FeedItems.AnyAsync(i => i.EventId == eventId);
        if (open != 21 || !notified)
        {
            throw new InvalidOperationException($"After the publish {open} follow-ups were open and the feed item was {(notified ? "there" : "missing")}.");
        }
    }
}
