using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;
using Samverkan.Testing;

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

    [Fact]
    public async Task The_subscriptions_are_the_topics_the_chart_scopes_to_the_service_each_with_the_pubsub_and_the_dead_letter_topic()
    {
        await using var factory = FollowUpFactory.With(new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });
        using var http = factory.CreateClient();
        var subscriptions = (await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe")).EnumerateArray().ToList();

        Assert.Equal(ChartSubscriptions("followup"), subscriptions.Select(s => s.GetProperty("topic").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(subscriptions, s => Assert.Equal(("pubsub", "samverkan.deadletter"), (s.GetProperty("pubsubName").GetString(), s.GetProperty("deadLetterTopic").GetString())));
    }

    [Fact]
    public async Task A_RecommendationRevised_CloudEvent_moves_the_follow_ups_and_a_malformed_one_is_dropped()
    {
        await using var factory = FollowUpFactory.With(new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });
        using var http = factory.CreateClient();
        var steps = new FollowUpSteps(factory);
        var id = await steps.PublishAsync(deadlineInDays: 30);
        await steps.ReportAsync(steps.Decide(id, "13"), "13");
        var route = new Uri("/events/" + RecommendationRevised.Descriptor.FullName, UriKind.Relative);

        var revised = OutboxMessage.Create(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, steps.Today.AddDays(90), version: 2), PreviousVersion = 1, Audit = steps.Secretary() },
            "samverkan/council", DateTimeOffset.UtcNow).ToEnvelope().ToCloudEventJson();
        var response = await http.PostAsync(route, new StringContent(revised, Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal("SUCCESS", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var halland = await steps.GetAsync(id, "13");
        Assert.Equal((2, true, FollowUpSteps.Date(steps.Today.AddDays(90))), (halland.RecommendationVersion, halland.ConfirmationRequested, halland.Deadline));

        var before = await steps.RowCountsAsync();
        var malformed = await http.PostAsync(route, new StringContent("{\"specversion\":\"1.0\"}", Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal("DROP", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(before, await steps.RowCountsAsync());
    }

    /// <summary>The topics <c>charts/samverkan/values.yaml</c> lets the service subscribe to (Dapr's subscription scopes).</summary>
    private static List<string> ChartSubscriptions(string service)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "charts", "samverkan", "values.yaml"));
        var start = Array.IndexOf(lines, $"  {service}:");
        var block = lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith("   ", StringComparison.Ordinal)).ToList();
        return [.. block.SkipWhile(l => l != "    subscribes:").Skip(1).TakeWhile(l => l.StartsWith("      - ", StringComparison.Ordinal)).Select(l => l[8..].Trim()).Order(StringComparer.Ordinal)];
    }
}
