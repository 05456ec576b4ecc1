using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samverkan.Council.V1;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;

namespace Samverkan.Council.Tests;

/// <summary>
/// The subscriber side of the Dapr contract for the event the council consumes: daprd reads the subscription, then
/// POSTs CloudEvents to its route over HTTP/1.1. A redelivered event changes nothing.
/// </summary>
public sealed class DaprSubscriptionTests : IAsyncLifetime
{
    private readonly CouncilFactory _factory = new(null, settings: new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CaseReadyForCouncil_is_subscribed_with_its_route_and_dead_letter_topic()
    {
        using var http = _factory.CreateClient();
        var subscriptions = await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        var ready = subscriptions.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == "samverkan.events.v1.CaseReadyForCouncil");
        Assert.Equal("pubsub", ready.GetProperty("pubsubName").GetString());
        Assert.Equal("events/samverkan.events.v1.CaseReadyForCouncil", ready.GetProperty("route").GetString());
        Assert.Equal("samverkan.deadletter", ready.GetProperty("deadLetterTopic").GetString());
    }

    [Fact]
    public async Task The_same_CloudEvent_delivered_twice_puts_the_case_in_the_waiting_list_once()
    {
        var caseId = Guid.NewGuid().ToString();
        var cloudEvent = OutboxMessage.Create(new CaseReadyForCouncil { CaseId = caseId, ProductDisplayName = "Stent Alfa", Manufacturer = "Vasc AB" },
            "samverkan-cases", DateTimeOffset.UtcNow).ToEnvelope().ToCloudEventJson();
        using var http = _factory.CreateClient();

        for (var delivery = 0; delivery < 2; delivery++)
        {
            var response = await http.PostAsync(new Uri("/events/samverkan.events.v1.CaseReadyForCouncil", UriKind.Relative),
                new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("SUCCESS", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var council = new CouncilService.CouncilServiceClient(_factory.CreateGrpcChannel());
        var waiting = (await council.ListReadyCasesAsync(new ListReadyCasesRequest(), CouncilSteps.Secretary)).ReadyCases;
        Assert.Equal("Stent Alfa", Assert.Single(waiting, r => r.CaseId == caseId).ProductDisplayName);
    }
}
