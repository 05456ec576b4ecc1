using Grpc.Core;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>The live feed: a stream per feed subscription that a client resumes from its last cursor, missing nothing and repeating nothing.</summary>
public sealed class WatchNotificationsTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationService.NotificationServiceClient _client = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_client_that_disconnects_and_resumes_from_its_cursor_sees_every_notification_exactly_once()
    {
        var feed = await _client.SubscribeAsync(Subscribers.Feed("barn-unga"), "watcher");
        await _client.SubscribeAsync(Subscribers.Feed("omvardnad"), "watcher");
        var token = TestTokens.As(Roles.RegionContact, "13", "watcher");
        await factory.DeliverAsync(Events.Published("barn-unga", number: "MTP-2026-401"));
        await factory.DeliverAsync(Events.Published("omvardnad", number: "MTP-2026-499"));

        var seen = new List<WatchNotificationsResponse>();
        using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        using (var call = _client.WatchNotifications(new WatchNotificationsRequest { Subscription = feed.Subscription.Name }, token, cancellationToken: first.Token))
        {
            Assert.True(await call.ResponseStream.MoveNext(first.Token));
            seen.Add(call.ResponseStream.Current);
            // Published while the stream is open: it arrives on the same stream.
            await factory.DeliverAsync(Events.Published("barn-unga", number: "MTP-2026-402"));
            Assert.True(await call.ResponseStream.MoveNext(first.Token));
            seen.Add(call.ResponseStream.Current);
        }

        // Published while disconnected.
        await factory.DeliverAsync(Events.Published("barn-unga", number: "MTP-2026-403"));
        using (var second = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        using (var call = _client.WatchNotifications(new WatchNotificationsRequest { Subscription = feed.Subscription.Name, AfterCursor = seen[^1].Cursor }, token,
            cancellationToken: second.Token))
        {
            Assert.True(await call.ResponseStream.MoveNext(second.Token));
            seen.Add(call.ResponseStream.Current);
        }

        Assert.Equal(["MTP-2026-401", "MTP-2026-402", "MTP-2026-403"], seen.Select(s => s.Item.Title.Split(' ')[1]));
        Assert.Equal(seen.Select(s => s.Cursor).Order(), seen.Select(s => s.Cursor));
        Assert.Equal(3, seen.Select(s => s.Cursor).Distinct().Count());
    }

    [Fact]
    public async Task Only_the_owner_watches_only_a_feed_subscription()
    {
        var feed = await _client.SubscribeAsync(Subscribers.Feed("hud-venereologi"), "owner");
        var mail = await _client.SubscribeAsync(Subscribers.Email("owner@region.se", "hud-venereologi"), "owner");

        var stranger = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(feed.Subscription.Name, TestTokens.As(Roles.RegionContact, "13", "stranger")));
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        var notFeed = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(mail.Subscription.Name, TestTokens.As(Roles.RegionContact, "13", "owner")));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_FEED"), (notFeed.StatusCode, notFeed.ErrorInfo()?.Reason));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => _client.WatchNotifications(new WatchNotificationsRequest { Subscription = "feeds/1", AfterCursor = -1 },
            TestTokens.As(Roles.RegionContact, "13", "owner")).ResponseStream.MoveNext());
        Assert.Equal(["after_cursor", "subscription"], invalid.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    private async Task FirstAsync(string subscription, Metadata token)
    {
        using var call = _client.WatchNotifications(new WatchNotificationsRequest { Subscription = subscription }, token);
        await call.ResponseStream.MoveNext();
    }
}
