using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>
/// The subscriber side of the Dapr contract, as daprd uses it: it reads the subscriptions, then POSTs CloudEvents to
/// the routes over HTTP/1.1. A redelivered event changes nothing.
/// </summary>
public sealed class DaprSubscriptionTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationService.NotificationServiceClient _notifications = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task The_subscriptions_name_pubsub_topic_route_and_dead_letter_topic()
    {
        using var http = factory.CreateClient();
        var subscriptions = await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        var caseOpened = subscriptions.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == "samverkan.events.v1.CaseOpened");
        Assert.Equal("pubsub", caseOpened.GetProperty("pubsubName").GetString());
        Assert.Equal("events/samverkan.events.v1.CaseOpened", caseOpened.GetProperty("route").GetString());
        Assert.Equal("samverkan.deadletter", caseOpened.GetProperty("deadLetterTopic").GetString());
    }

    [Fact]
    public async Task The_same_CloudEvent_delivered_twice_appears_once_in_the_feed()
    {
        var caseId = Guid.NewGuid().ToString();
        var cloudEvent = OutboxMessage.Create(new CaseOpened { CaseId = caseId, ProductDisplayName = "Stent Alfa", Manufacturer = "Vasc AB" },
            "samverkan/cases", DateTimeOffset.UtcNow).ToEnvelope().ToCloudEventJson();
        using var http = factory.CreateClient();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            var response = await http.PostAsync(new Uri("/events/samverkan.events.v1.CaseOpened", UriKind.Relative),
                new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("SUCCESS", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var feed = await _notifications.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator));
        var item = Assert.Single(feed.FeedItems, i => i.CaseId == caseId);
        Assert.Equal("New case: Stent Alfa (Vasc AB)", item.Title);
    }

    [Fact]
    public async Task A_published_recommendation_appears_once_in_the_feed()
    {
        var caseId = Guid.NewGuid().ToString();
        var published = new RecommendationPublished
        {
            Recommendation = new RecommendationSnapshot { CaseId = caseId, Number = "MTP-2026-007", ProductDisplayName = "Stent Alfa", Outcome = Common.V1.RecommendationOutcome.CanUse },
        };
        var cloudEvent = OutboxMessage.Create(published, "samverkan-council", DateTimeOffset.UtcNow).ToEnvelope().ToCloudEventJson();
        using var http = factory.CreateClient();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            var response = await http.PostAsync(new Uri("/events/samverkan.events.v1.RecommendationPublished", UriKind.Relative),
                new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var feed = await _notifications.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator));
        var item = Assert.Single(feed.FeedItems, i => i.CaseId == caseId);
        Assert.Equal("samverkan.events.v1.RecommendationPublished", item.EventType);
        Assert.Equal("Recommendation MTP-2026-007 published: Stent Alfa – can use", item.Title);
    }

    [Fact]
    public async Task A_malformed_CloudEvent_is_dropped_and_writes_nothing()
    {
        using var http = factory.CreateClient();
        var before = (await _notifications.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator))).FeedItems.Count;

        var response = await http.PostAsync(new Uri("/events/samverkan.events.v1.CaseOpened", UriKind.Relative),
            new StringContent("{\"specversion\":\"1.0\",\"type\":\"samverkan.events.v1.CaseOpened\"}", Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal("DROP", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(before, (await _notifications.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator))).FeedItems.Count);
    }

    [Fact]
    public async Task Reading_the_feed_checks_its_arguments_and_requires_a_token()
    {
        var invalid = await Assert.ThrowsAsync<RpcException>(() => _notifications.ListFeedItemsAsync(
            new ListFeedItemsRequest { AfterCursor = -1, PageSize = 501 }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["after_cursor", "page_size"], invalid.FieldViolations().Select(v => v.Field).Order());

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => _notifications.ListFeedItemsAsync(new ListFeedItemsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }
}
