using System.Text.Json;
using Grpc.Core;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// A recommendation published through the real council flow in the standalone host reaches each kind of subscriber
/// once: an e-mail at a real SMTP server, a signed webhook at a local receiver that fails twice first, and a live feed
/// that a client leaves and resumes; a subscriber to another programme area gets nothing.
/// </summary>
public sealed class NotificationsJourneyTests : IAsyncLifetime
{
    private const string ProgrammeArea = "endokrina-sjukdomar";

    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-notifications-");
    private SmtpServer _smtp = null!;
    private WebhookReceiver _receiver = null!;
    private StandaloneProcess _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        var environment = _smtp.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        // Retries within a second, so the failing receiver's third attempt comes soon.
        environment["Notifications__Delivery__PollInterval"] = "00:00:00.200";
        environment["Notifications__Delivery__RetryBaseDelay"] = "00:00:00.200";
        environment["Notifications__Delivery__MaxRetryDelay"] = "00:00:01";
        _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, environment);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_published_recommendation_reaches_the_matching_e_mail_the_flaky_webhook_on_its_third_attempt_and_the_resumed_feed_once()
    {
        var notifications = new NotificationService.NotificationServiceClient(_host.CreateGrpcChannel());
        var reader = await SubscribeAsync(notifications, "reader", Channel.Email, "reader@e2e.test", [RecommendationPublished.Descriptor.FullName], ProgrammeArea);
        var elsewhere = await SubscribeAsync(notifications, "elsewhere", Channel.Email, "elsewhere@e2e.test", [RecommendationPublished.Descriptor.FullName], "psykiska-sjukdomar");
        var endpoint = _receiver.Add("flaky", failures: 2);
        var hook = await SubscribeAsync(notifications, "region-it", Channel.Webhook, endpoint.Url.AbsoluteUri, [RecommendationPublished.Descriptor.FullName], ProgrammeArea);
        var feed = await SubscribeAsync(notifications, "watcher", Channel.Feed, "",
            [CaseOpened.Descriptor.FullName, RecommendationPublished.Descriptor.FullName], ProgrammeArea);

        var steps = new JourneySteps(_host);
        var ready = await steps.ReadyCaseAsync("Insulinpump Avisering");
        var first = await WatchAsync(notifications, feed.Subscription.Name, 0, items => items.Count == 1);
        Assert.Equal((CaseOpened.Descriptor.FullName, ready.CaseId), (first[0].Item.EventType, first[0].Item.CaseId));

        // Published while the feed client is away. A case opened once the feed holds the recommendation marks the end of
        // what the client must catch up on: events of different services reach the feed in no fixed order.
        var today = TimeProvider.System.Today();
        var recommendation = await steps.PublishAsync(ready.CaseId, today, today.AddDays(30));
        await Eventually.Until(() => Deliveries(notifications, feed.Subscription.Name, "watcher"),
            d => d.Any(x => x.EventType == RecommendationPublished.Descriptor.FullName), TimeSpan.FromSeconds(30), "the recommendation in the feed");
        var later = await steps.Cases.RegisterProductAsync(Products.Registration("Insulinpump Senare"), TestTokens.As(Roles.PreparationGroup));
        var resumed = await WatchAsync(notifications, feed.Subscription.Name, first[0].Cursor, items => items.Any(i => i.Item.CaseId == later.Case.CaseId));

        var published = Assert.Single(resumed, i => i.Item.EventType == RecommendationPublished.Descriptor.FullName);
        Assert.StartsWith($"Recommendation {recommendation.Number} published", published.Item.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(resumed, i => i.Cursor == first[0].Cursor);
        Assert.All(resumed, i => Assert.True(i.Cursor > first[0].Cursor));

        var mailed = await Eventually.Until(() => Deliveries(notifications, reader.Subscription.Name, "reader"), d => d.Count == 1 && d[0].Status == DeliveryStatus.Sent,
            TimeSpan.FromSeconds(30), "the e-mail sent");
        Assert.Equal(1, mailed[0].Attempts);
        var message = Assert.Single(await _smtp.MessagesToAsync("reader@e2e.test"));
        Assert.Contains(recommendation.Number, message.Subject, StringComparison.Ordinal);
        // The fan-out stores every matching delivery in the one transaction that stored the reader's.
        Assert.Empty(await Deliveries(notifications, elsewhere.Subscription.Name, "elsewhere"));
        Assert.Empty(await _smtp.MessagesToAsync("elsewhere@e2e.test"));

        var hooked = await Eventually.Until(() => Deliveries(notifications, hook.Subscription.Name, "region-it"), d => d.Count == 1 && d[0].Status == DeliveryStatus.Sent,
            TimeSpan.FromSeconds(30), "the webhook delivered");
        Assert.Equal(3, hooked[0].Attempts);
        Assert.Equal([500, 500, 204], endpoint.Received.Select(r => r.Status));
        Assert.Equal([hooked[0].Name["deliveries/".Length..]], endpoint.Received.Select(r => r.Id).Distinct());
        Assert.All(endpoint.Received, r => Assert.True(r.IsSignedWith(hook.WebhookSecret)));
        var body = JsonDocument.Parse(endpoint.Received.Last().Body).RootElement;
        Assert.Equal(RecommendationPublished.Descriptor.FullName, body.GetProperty("type").GetString());
        Assert.Equal(recommendation.Number, body.GetProperty("data").GetProperty("event").GetProperty("recommendation").GetProperty("number").GetString());
    }

    private static async Task<CreateSubscriptionResponse> SubscribeAsync(NotificationService.NotificationServiceClient client, string subject, Channel channel,
        string address, string[] eventTypes, string programmeArea) =>
        await client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Subscription = new Subscription
            {
                Channel = channel,
                Address = address,
                EventTypes = { eventTypes },
                Filter = new SubscriptionFilter { ProgrammeAreaCodes = { programmeArea } },
                Cadence = Cadence.Immediate,
            },
        }, Token(subject));

    /// <summary>Watches the feed after <paramref name="cursor"/> until <paramref name="enough"/>, then disconnects (bounded).</summary>
    private static async Task<List<WatchNotificationsResponse>> WatchAsync(NotificationService.NotificationServiceClient client, string subscription, long cursor,
        Func<List<WatchNotificationsResponse>, bool> enough)
    {
        var seen = new List<WatchNotificationsResponse>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = client.WatchNotifications(new WatchNotificationsRequest { Subscription = subscription, AfterCursor = cursor }, Token("watcher"),
            cancellationToken: timeout.Token);
        while (!enough(seen))
        {
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            seen.Add(call.ResponseStream.Current);
        }

        return seen;
    }

    private static async Task<IReadOnlyList<Delivery>> Deliveries(NotificationService.NotificationServiceClient client, string subscription, string subject) =>
        (await client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, Token(subject))).Deliveries;

    private static Metadata Token(string subject) => TestTokens.As(Roles.RegionContact, "13", subject);
}
