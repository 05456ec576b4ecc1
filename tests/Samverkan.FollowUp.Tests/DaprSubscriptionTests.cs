using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Tests;

/// <summary>The Dapr subscriber contract of the follow-up service, as daprd uses it over HTTP/1.1.</summary>
public sealed class DaprSubscriptionTests
{
    [Fact]
    public async Task The_service_subscribes_to_both_recommendation_events_and_a_CloudEvent_on_the_route_opens_the_follow_ups_once()
    {
        await using var factory = FollowUpFactory.With(new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });
        using var http = factory.CreateClient();
        var topics = (await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe")).EnumerateArray().Select(s => s.GetProperty("topic").GetString()).ToList();
        Assert.Contains(RecommendationPublished.Descriptor.FullName, topics);
        Assert.Contains(RecommendationRevised.Descriptor.FullName, topics);

        var steps = new FollowUpSteps(factory);
        var id = Guid.NewGuid().ToString();
        var cloudEvent = OutboxMessage.Create(new RecommendationPublished { Recommendation = FollowUpSteps.Snapshot(id, steps.Today.AddDays(30)), Audit = steps.Secretary() },
            "samverkan/council", DateTimeOffset.UtcNow).ToEnvelope().ToCloudEventJson();
        for (var delivery = 0; delivery < 2; delivery++)
        {
            var response = await http.PostAsync(new Uri("/events/" + RecommendationPublished.Descriptor.FullName, UriKind.Relative),
                new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var list = await steps.Client.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal(21, list.FollowUps.Count);
    }
}
