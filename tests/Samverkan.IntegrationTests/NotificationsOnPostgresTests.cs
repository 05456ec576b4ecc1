using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>The notifications service on PostgreSQL: fan-out by filter, the inbox, the dispatcher's claims and retries, the feed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationsOnPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_event_fans_out_once_an_unreachable_mail_server_fails_the_attempt_and_the_feed_streams_it()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "notifications", "Notifications");
        settings["Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Notifications:Smtp:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Notifications:Smtp:Security"] = "None";
        settings["Notifications:Delivery:PollInterval"] = "00:00:00.100";
        await using var host = new ServiceFactory<Notifications.Grpc.NotificationGrpcService>(settings);
        var client = new NotificationService.NotificationServiceClient(host.CreateGrpcChannel());
        var token = TestTokens.As(Roles.RegionContact, "13", "pg-owner");
        var mail = await Subscribe(client, token, Channel.Email, "anna@region.se", "13");
        var feed = await Subscribe(client, token, Channel.Feed, string.Empty, "13");
        var elsewhere = await Subscribe(client, token, Channel.Feed, string.Empty, "25");

        var overdue = new FollowUpOverdue { RecommendationId = Guid.NewGuid().ToString(), RecommendationNumber = "MTP-2026-009", CaseId = Guid.NewGuid().ToString(), RegionCode = "13" };
        var envelope = new EventEnvelope(Guid.NewGuid().ToString(), FollowUpOverdue.Descriptor.FullName, "samverkan/tests", DateTimeOffset.UtcNow, null, JsonFormatter.Default.Format(overdue));
        var dispatcher = host.Services.GetRequiredService<EventDispatcher>();
        await dispatcher.DispatchAsync(envelope, CancellationToken.None);
        await dispatcher.DispatchAsync(envelope, CancellationToken.None);

        var failed = (await Eventually.Until(() => Deliveries(client, token, mail), d => d.Single().Status == DeliveryStatus.Failed, what: "the failed attempt")).Single();
        Assert.Equal(1, failed.Attempts);
        Assert.NotEmpty(failed.LastError);
        Assert.NotNull(failed.NextAttemptTime);
        Assert.Empty(await Deliveries(client, token, elsewhere));

        using var call = client.WatchNotifications(new WatchNotificationsRequest { Subscription = feed }, token);
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("Region Halland has not decided on MTP-2026-009", call.ResponseStream.Current.Item.Title);
    }

    private static async Task<string> Subscribe(NotificationService.NotificationServiceClient client, Metadata token, Channel channel, string address, string region) =>
        (await client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Subscription = new Subscription
            {
                Channel = channel,
                Address = address,
                EventTypes = { FollowUpOverdue.Descriptor.FullName },
                Filter = new SubscriptionFilter { RegionCodes = { region } },
                Cadence = Cadence.Immediate,
            },
        }, token)).Subscription.Name;

    private static async Task<IReadOnlyList<Delivery>> Deliveries(NotificationService.NotificationServiceClient client, Metadata token, string subscription) =>
        (await client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, token)).Deliveries;
}
