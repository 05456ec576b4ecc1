using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>
/// An incoming event becomes one stored delivery per matching subscription, once however often it is delivered; the
/// delivery log shows them by subscription, event and status. Sending is held in this host, so everything stays pending.
/// </summary>
public sealed class FanOutTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationService.NotificationServiceClient _client = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_published_recommendation_reaches_the_subscribers_of_its_programme_area_once_and_no_one_else()
    {
        var area = "ogon";
        var anna = await _client.SubscribeAsync(Subscribers.Email("anna@region.se", area), "anna");
        var bertil = await _client.SubscribeAsync(Subscribers.Email("bertil@region.se", "cancer"), "bertil");
        var feed = await _client.SubscribeAsync(Subscribers.Feed(area), "anna");

        var published = Events.Published(area);
        var eventId = await factory.DeliverAsync(published);
        await factory.DeliverAsync(published, eventId);

        var delivery = Assert.Single(await _client.DeliveriesAsync(anna.Subscription.Name, "anna"));
        Assert.Equal((DeliveryStatus.Pending, eventId, "anna@region.se", 0), (delivery.Status, delivery.EventId, delivery.Recipient, delivery.Attempts));
        Assert.Equal("Recommendation MTP-2026-007 published: Insulinpump X – can use", delivery.Title);
        Assert.Empty(await _client.DeliveriesAsync(bertil.Subscription.Name, "bertil"));
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(await _client.DeliveriesAsync(feed.Subscription.Name, "anna")).Status);
    }

    [Fact]
    public async Task A_region_filter_matches_a_national_recommendation_and_a_healthcare_regional_one_only_for_its_regions()
    {
        var halland = await _client.SubscribeAsync(RegionSubscription("13"), "halland");
        var norrbotten = await _client.SubscribeAsync(RegionSubscription("25"), "norrbotten");

        await factory.DeliverAsync(Events.Published("kirurgi", number: "MTP-2026-100"));
        var southern = Events.Published("kirurgi", number: "MTP-2026-101");
        southern.Recommendation.Level = RecommendationLevel.HealthcareRegional;
        southern.Recommendation.HealthcareRegionCodes.Add("sodra");
        await factory.DeliverAsync(southern);

        Assert.Equal(2, (await _client.DeliveriesAsync(halland.Subscription.Name, "halland")).Count);
        Assert.Equal("Recommendation MTP-2026-100 published: Insulinpump X – can use",
            Assert.Single(await _client.DeliveriesAsync(norrbotten.Subscription.Name, "norrbotten")).Title);
    }

    [Fact]
    public async Task Only_subscribed_event_types_are_delivered()
    {
        var subscription = Subscribers.Email("cecilia@region.se", "infektion");
        subscription.EventTypes.Clear();
        subscription.EventTypes.Add(CaseOpened.Descriptor.FullName);
        var cecilia = await _client.SubscribeAsync(subscription, "cecilia");

        await factory.DeliverAsync(Events.Published("infektion"));
        var opened = await factory.DeliverAsync(new CaseOpened { CaseId = Guid.NewGuid().ToString(), ProductDisplayName = "Test Y", Manufacturer = "Acme", ProgrammeAreaCodes = { "infektion" } });

        var delivery = Assert.Single(await _client.DeliveriesAsync(cecilia.Subscription.Name, "cecilia"));
        Assert.Equal((opened, "New case: Test Y (Acme)"), (delivery.EventId, delivery.Title));
    }

    [Fact]
    public async Task Unsubscribing_cancels_undelivered_notifications_and_stops_new_ones_and_only_the_owner_may()
    {
        var dora = await _client.SubscribeAsync(Subscribers.Email("dora@region.se", "tandvard"), "dora");
        await factory.DeliverAsync(Events.Published("tandvard"));

        var stranger = await Assert.ThrowsAsync<RpcException>(() => _client.UnsubscribeAsync(new UnsubscribeRequest { Name = dora.Subscription.Name },
            TestTokens.As(Roles.RegionContact, "13", "someone-else")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        var ended = await _client.UnsubscribeAsync(new UnsubscribeRequest { Name = dora.Subscription.Name }, TestTokens.As(Roles.RegionContact, "13", "dora"));
        await factory.DeliverAsync(Events.Published("tandvard"));

        Assert.NotNull(ended.Subscription.UnsubscribeTime);
        Assert.Equal(DeliveryStatus.Cancelled, Assert.Single(await _client.DeliveriesAsync(dora.Subscription.Name, "dora")).Status);
    }

    [Fact]
    public async Task The_delivery_log_filters_by_event_and_status_shows_each_owner_their_own_and_an_operator_everything()
    {
        var erik = await _client.SubscribeAsync(Subscribers.Email("erik@region.se", "urologi-njure"), "erik");
        var fia = await _client.SubscribeAsync(Subscribers.Feed("urologi-njure"), "fia");
        var first = await factory.DeliverAsync(Events.Published("urologi-njure"));
        await factory.DeliverAsync(Events.Published("urologi-njure"));

        var asErik = TestTokens.As(Roles.RegionContact, "13", "erik");
        Assert.Equal(2, (await _client.ListDeliveriesAsync(new ListDeliveriesRequest { Status = DeliveryStatus.Pending }, asErik)).Deliveries.Count);
        Assert.Empty((await _client.ListDeliveriesAsync(new ListDeliveriesRequest { Status = DeliveryStatus.Sent }, asErik)).Deliveries);
        Assert.Empty((await _client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = fia.Subscription.Name }, asErik)).Deliveries);

        var byEvent = await _client.ListDeliveriesAsync(new ListDeliveriesRequest { EventId = first }, TestTokens.As(Roles.Operator));
        Assert.Equal(new[] { erik.Subscription.Name, fia.Subscription.Name }.Order(StringComparer.Ordinal), byEvent.Deliveries.Select(d => d.Subscription).Order(StringComparer.Ordinal));

        var firstPage = await _client.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 1 }, asErik);
        var secondPage = await _client.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 1, PageToken = firstPage.NextPageToken }, asErik);
        Assert.Equal(first, secondPage.Deliveries.Single().EventId);
        Assert.Empty(secondPage.NextPageToken);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => _client.ListDeliveriesAsync(
            new ListDeliveriesRequest { Subscription = "subscriptions/x", PageSize = -1, PageToken = "@@", Status = (DeliveryStatus)42 }, asErik).ResponseAsync);
        Assert.Equal(["page_size", "page_token", "status", "subscription"], invalid.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pending_delivery_is_not_redelivered()
    {
        var gun = await _client.SubscribeAsync(Subscribers.Email("gun@region.se", "akutvard"), "gun");
        await factory.DeliverAsync(Events.Published("akutvard"));
        var delivery = Assert.Single(await _client.DeliveriesAsync(gun.Subscription.Name, "gun"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => _client.RedeliverDeliveryAsync(new RedeliverDeliveryRequest { Name = delivery.Name },
            TestTokens.As(Roles.RegionContact, "13", "gun")).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_REDELIVERABLE"), (refused.StatusCode, refused.ErrorInfo()?.Reason));
    }

    private static Subscription RegionSubscription(string region)
    {
        var subscription = Subscribers.Email($"contact{region}@region.se", "kirurgi");
        subscription.Filter.RegionCodes.Add(region);
        return subscription;
    }
}
