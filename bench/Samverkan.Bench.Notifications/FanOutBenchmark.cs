extern alias standalone;

using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Bench.Notifications;

/// <summary>
/// One RecommendationPublished handed to the standalone host's in-process bus with 10,000 matching subscribers (5,000
/// feeds, 5,000 webhooks to a Kestrel receiver in this process), until every delivery is recorded as sent. The bus
/// stores the fan-out before it accepts the event; the dispatcher then sends the webhooks under its default
/// concurrency limits. A run whose deliveries are not all sent, or whose receiver did not get every webhook, fails.
/// </summary>
public class FanOutBenchmark
{
    private const int Feeds = 5_000;
    private const int Webhooks = 5_000;
    private const string ProgrammeArea = "endokrina-sjukdomar";

    private ServiceFactory<standalone::Program> _host = null!;
    private WebhookReceiver _receiver = null!;
    private IEventBus _bus = null!;
    private IDbContextFactory<NotificationsDbContext> _notifications = null!;
    private List<WebhookReceiver.Endpoint> _endpoints = null!;
    private int _received;

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Stop()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task PublishUntilEverySubscriberHasIt()
    {
        var eventId = Guid.NewGuid().ToString();
        var published = new RecommendationPublished
        {
            Recommendation = new RecommendationSnapshot
            {
                RecommendationId = Guid.NewGuid().ToString(),
                Number = "MTP-BENCH",
                Version = 1,
                CaseId = Guid.NewGuid().ToString(),
                ProductDisplayName = "Benchmark product",
                ProgrammeAreaCodes = { ProgrammeArea },
                Outcome = RecommendationOutcome.CanUse,
                Level = RecommendationLevel.National,
                FollowUpDeadline = new Date { Year = 2099, Month = 6, Day = 30 },
                PublishTime = Timestamp.FromDateTime(DateTime.UtcNow),
            },
        };
        await _bus.PublishAsync(new EventEnvelope(eventId, RecommendationPublished.Descriptor.FullName, "samverkan/council", DateTimeOffset.UtcNow, null,
            JsonFormatter.Default.Format(published)), CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        int sent;
        do
        {
            await Task.Delay(20);
            await using var db = await _notifications.CreateDbContextAsync();
            sent = await db.Deliveries.CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Sent);
        }
        while (sent < Feeds + Webhooks && DateTime.UtcNow < deadline);

        _received += Webhooks;
        var received = _endpoints.Sum(e => e.Received.Count(r => r.Status == 204));
        if (sent != Feeds + Webhooks || received != _received)
        {
            throw new InvalidOperationException($"{sent} of {Feeds + Webhooks} deliveries sent, the receiver got {received} of {_received} webhooks.");
        }
    }

    private async Task StartAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _host = new ServiceFactory<standalone::Program>(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        _ = _host.Server;
        _bus = _host.Services.GetRequiredService<IEventBus>();
        _notifications = _host.Services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>();
        _endpoints = [.. Enumerable.Range(0, Webhooks).Select(i => _receiver.Add($"bench-{i}"))];

        var client = new NotificationService.NotificationServiceClient(_host.CreateGrpcChannel());
        var subscriptions = _endpoints.Select(e => (Channel.Webhook, e.Url.AbsoluteUri)).Concat(Enumerable.Repeat((Channel.Feed, ""), Feeds)).ToList();
        await Parallel.ForEachAsync(subscriptions.Select((s, i) => (s.Item1, s.Item2, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, ct) =>
            await client.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Subscription = new Subscription
                {
                    Channel = s.Item1,
                    Address = s.Item2,
                    EventTypes = { RecommendationPublished.Descriptor.FullName },
                    Filter = new SubscriptionFilter { ProgrammeAreaCodes = { ProgrammeArea } },
                    Cadence = Cadence.Immediate,
                },
            }, TestTokens.As(Roles.RegionContact, "13", $"bench-{s.i}"), cancellationToken: ct));
    }
}
