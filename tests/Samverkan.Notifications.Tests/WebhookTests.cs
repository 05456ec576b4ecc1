using System.Text.Json;
using Grpc.Core;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>The service and a real local receiver, with fast retries and at most three attempts.</summary>
public sealed class WebhookHost : IAsyncLifetime
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public DeliveringFactory Factory { get; } = new(new Dictionary<string, string?> { ["Notifications:Delivery:MaxAttempts"] = "3" });

    public NotificationService.NotificationServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Client = new NotificationService.NotificationServiceClient(Factory.CreateGrpcChannel());
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Factory.DisposeAsync();
    }
}

/// <summary>Webhooks signed per Standard Webhooks, retried with backoff, dead-lettered, redelivered, and isolated per subscriber.</summary>
public sealed class WebhookTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private readonly NotificationService.NotificationServiceClient _client = host.Client;

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_it_on_the_third_attempt_signed_with_one_id()
    {
        var endpoint = host.Receiver.Add("flaky", failures: 2);
        var hook = await _client.SubscribeAsync(Subscribers.Webhook(endpoint.Url.AbsoluteUri, "hjarta-karl"), "region-it");
        var eventId = await host.Factory.DeliverAsync(Events.Published("hjarta-karl"));

        var delivery = await Eventually.Until(() => _client.DeliveriesAsync(hook.Subscription.Name, "region-it"), d => d.Single().Status == DeliveryStatus.Sent, what: "the webhook delivered");

        Assert.Equal([500, 500, 204], endpoint.Received.Select(r => r.Status));
        Assert.Single(endpoint.Received.Select(r => r.Id).Distinct());
        Assert.Equal(delivery.Single().Name["deliveries/".Length..], endpoint.Received.First().Id);
        Assert.All(endpoint.Received, r => Assert.True(r.IsSignedWith(hook.WebhookSecret)));
        Assert.Equal(3, delivery.Single().Attempts);
        var body = JsonDocument.Parse(endpoint.Received.Last().Body).RootElement;
        Assert.Equal("samverkan.events.v1.RecommendationPublished", body.GetProperty("type").GetString());
        Assert.Equal(eventId, body.GetProperty("data").GetProperty("event_id").GetString());
        Assert.Equal("MTP-2026-007", body.GetProperty("data").GetProperty("event").GetProperty("recommendation").GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_dead_lettered_after_three_attempts_and_redelivered_on_request()
    {
        var endpoint = host.Receiver.Add("down", failures: 3);
        var hook = await _client.SubscribeAsync(Subscribers.Webhook(endpoint.Url.AbsoluteUri, "rorelseorganen"), "region-it");
        await host.Factory.DeliverAsync(Events.Published("rorelseorganen"));

        var dead = (await Eventually.Until(() => _client.DeliveriesAsync(hook.Subscription.Name, "region-it"), d => d.Single().Status == DeliveryStatus.DeadLettered, what: "dead-lettering")).Single();
        Assert.Equal((3, "The receiver answered 500 Internal Server Error."), (dead.Attempts, dead.LastError));
        Assert.Equal(3, endpoint.Received.Count);

        var stranger = await Assert.ThrowsAsync<RpcException>(() => _client.RedeliverDeliveryAsync(new RedeliverDeliveryRequest { Name = dead.Name },
            TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        var again = await _client.RedeliverDeliveryAsync(new RedeliverDeliveryRequest { Name = dead.Name }, TestTokens.As(Roles.RegionContact, "13", "region-it"));
        Assert.Equal((DeliveryStatus.Pending, 0), (again.Delivery.Status, again.Delivery.Attempts));

        await Eventually.Until(() => _client.DeliveriesAsync(hook.Subscription.Name, "region-it"), d => d.Single().Status == DeliveryStatus.Sent, what: "the redelivery");
        Assert.Equal([500, 500, 500, 204], endpoint.Received.Select(r => r.Status));
        Assert.Single(endpoint.Received.Select(r => r.Id).Distinct());
    }

    [Fact]
    public async Task A_slow_receiver_holds_only_its_own_two_slots_while_another_subscriber_gets_everything_and_then_times_out()
    {
        var slow = host.Receiver.Add("slow", hold: true);
        var fast = host.Receiver.Add("fast");
        var slowHook = await _client.SubscribeAsync(Subscribers.Webhook(slow.Url.AbsoluteUri, "psykiska-sjukdomar"), "slow-it");
        var fastHook = await _client.SubscribeAsync(Subscribers.Webhook(fast.Url.AbsoluteUri, "psykiska-sjukdomar"), "fast-it");

        for (var i = 0; i < 5; i++)
        {
            await host.Factory.DeliverAsync(Events.Published("psykiska-sjukdomar", number: $"MTP-2026-3{i:D2}"));
        }

        await Eventually.Until(() => _client.DeliveriesAsync(fastHook.Subscription.Name, "fast-it"), d => d.Count == 5 && d.All(x => x.Status == DeliveryStatus.Sent), what: "the fast subscriber's five");
        Assert.Empty(slow.Received);
        await Eventually.Until(() => Task.FromResult(slow.MaxInFlight), n => n >= 2, what: "the slow receiver's two requests");
        Assert.Equal(2, slow.MaxInFlight);
        var timedOut = await Eventually.Until(() => _client.DeliveriesAsync(slowHook.Subscription.Name, "slow-it"), d => d.Any(x => x.Status == DeliveryStatus.Failed),
            what: "the slow receiver's timeout");
        Assert.Equal("No answer within 00:00:02.", timedOut.First(x => x.Status == DeliveryStatus.Failed).LastError);
        slow.Release();
    }

    [Fact]
    public async Task After_a_rotation_each_request_is_signed_with_the_new_and_the_previous_secret()
    {
        var endpoint = host.Receiver.Add("rotating");
        var hook = await _client.SubscribeAsync(Subscribers.Webhook(endpoint.Url.AbsoluteUri, "sallsynta-sjukdomar"), "region-it");
        var rotated = await _client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { Name = hook.Subscription.Name }, TestTokens.As(Roles.RegionContact, "13", "region-it"));
        await host.Factory.DeliverAsync(Events.Published("sallsynta-sjukdomar"));

        await Eventually.Until(() => Task.FromResult(endpoint.Received.Count), n => n == 1, what: "the signed request");
        var received = endpoint.Received.Single();
        Assert.NotEqual(hook.WebhookSecret, rotated.WebhookSecret);
        Assert.Equal(2, received.Signature.Split(' ').Length);
        Assert.True(received.IsSignedWith(rotated.WebhookSecret));
        Assert.True(received.IsSignedWith(hook.WebhookSecret));
        Assert.False(received.IsSignedWith("whsec_" + Convert.ToBase64String(new byte[32])));
    }

    [Fact]
    public async Task Only_the_owner_rotates_a_secret_or_reads_a_subscription_an_operator_reads_and_an_e_mail_has_no_secret()
    {
        var hook = await _client.SubscribeAsync(Subscribers.Webhook(host.Receiver.Add("owned").Url.AbsoluteUri, "ogon"), "owner-it");
        var name = hook.Subscription.Name;
        var stranger = TestTokens.As(Roles.RegionContact, "13", "someone-else");

        var rotate = await Assert.ThrowsAsync<RpcException>(() => _client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { Name = name }, stranger).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "NOT_THE_OWNER"), (rotate.StatusCode, rotate.ErrorInfo()?.Reason));
        var read = await Assert.ThrowsAsync<RpcException>(() => _client.GetSubscriptionAsync(new GetSubscriptionRequest { Name = name }, stranger).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(name, (await _client.GetSubscriptionAsync(new GetSubscriptionRequest { Name = name }, TestTokens.As(Roles.Operator))).Subscription.Name);
        var operatorRotate = await Assert.ThrowsAsync<RpcException>(() => _client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { Name = name }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, operatorRotate.StatusCode);

        var malformed = await Assert.ThrowsAsync<RpcException>(() => _client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { Name = "subscriptions/x" }, stranger).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "name"), (malformed.StatusCode, malformed.FieldViolations().Single().Field));
        var email = await _client.SubscribeAsync(Subscribers.Email("owner-it@region.test", "ogon"), "owner-it");
        var noSecret = await Assert.ThrowsAsync<RpcException>(() => _client.RotateWebhookSecretAsync(
            new RotateWebhookSecretRequest { Name = email.Subscription.Name }, TestTokens.As(Roles.RegionContact, "13", "owner-it")).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_AN_ACTIVE_WEBHOOK"), (noSecret.StatusCode, noSecret.ErrorInfo()?.Reason));
    }
}
