using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>RecommendationRevised on the worklist: the item follows the new version, and a decided strategy is reopened.</summary>
public sealed class RevisionTests(UpphandlingFactory factory) : IClassFixture<UpphandlingFactory>
{
    private readonly UpphandlingService.UpphandlingServiceClient _upphandling = factory.Client();

    [Fact]
    public async Task A_revision_reopens_a_decided_strategy_for_the_coordinator_to_confirm_or_change()
    {
        var recommendation = await factory.PublishRecommendationAsync();
        var item = await factory.ItemForAsync(recommendation.RecommendationId);
        var decided = (await _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.ExistingContracts,
            Grounds = "Regionerna har avtal.",
            RegionCodes = { "13" },
        }, Steps.Coordinator)).CoordinationItem;

        await factory.ReviseRecommendationAsync(recommendation, "Utfallet ändrat till bör användas.");

        var reopened = await factory.ItemForAsync(recommendation.RecommendationId);
        Assert.Equal((CoordinationItemState.Reopened, 2), (reopened.State, reopened.RecommendationVersion));
        Assert.Equal("Version 2 replaces version 1: Utfallet ändrat till bör användas.", reopened.RevisionSummary);
        Assert.Equal((PurchasingStrategy.ExistingContracts, "Glukossensor X 2"), (reopened.Strategy, reopened.ProductDisplayName));
        Assert.NotNull(reopened.ReviseTime);
        Assert.Equal(["coordination-item.strategy-decided", "coordination-item.reopened"], (await factory.AuditAsync($"coordinationItems/{item.ItemId}")).Select(a => a.Action));
        var itemEvents = (await factory.ProcurementEventsAsync()).Where(e => e.ProcurementId == item.ItemId).ToList();
        Assert.Equal([ProcurementChange.StrategyDecided, ProcurementChange.StrategyReopened], itemEvents.Select(e => e.Change));
        Assert.Equal([recommendation.CaseId], itemEvents[1].CaseIds);
        Assert.Equal(["13"], itemEvents[1].RegionCodes);

        // The coordinator's worklist page says why the item is back, and still shows the strategy to confirm.
        using var pages = factory.CreateClient();
        pages.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.ProcurementCoordinator));
        var worklist = WebUtility.HtmlDecode(await pages.GetStringAsync(new Uri("/upphandling", UriKind.Relative)));
        Assert.Contains("Reopened: confirm or change the strategy (Version 2 replaces version 1: Utfallet ändrat till bör användas.)", worklist, StringComparison.Ordinal);
        Assert.Contains("use the regions' existing contracts", worklist, StringComparison.Ordinal);

        // A decision on the item as read before the revision did not see it: its etag is stale.
        var change = new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = decided.Etag,
            Strategy = PurchasingStrategy.JointProcurement,
            Grounds = "Bör användas: gemensam upphandling.",
            RegionCodes = { "07", "13" },
        };
        await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(change, Steps.Coordinator), StatusCode.Aborted);

        change.Etag = reopened.Etag;
        var changed = (await _upphandling.DecidePurchasingStrategyAsync(change, Steps.Coordinator)).CoordinationItem;
        Assert.Equal((CoordinationItemState.Decided, PurchasingStrategy.JointProcurement), (changed.State, changed.Strategy));
    }

    [Fact]
    public async Task A_revision_of_an_undecided_item_shows_the_new_version_and_leaves_it_open()
    {
        var recommendation = await factory.PublishRecommendationAsync();
        await factory.ReviseRecommendationAsync(recommendation, "Nya villkor.");

        var item = await factory.ItemForAsync(recommendation.RecommendationId);
        Assert.Equal((CoordinationItemState.Open, 2, "Version 2 replaces version 1: Nya villkor."), (item.State, item.RecommendationVersion, item.RevisionSummary));
        Assert.Equal(["coordination-item.revised"], (await factory.AuditAsync($"coordinationItems/{item.ItemId}")).Select(a => a.Action));
        Assert.DoesNotContain(await factory.ProcurementEventsAsync(), e => e.ProcurementId == item.ItemId);
    }

    [Fact]
    public async Task A_redelivered_or_older_revision_changes_nothing()
    {
        var recommendation = await factory.PublishRecommendationAsync();
        var second = await factory.ReviseRecommendationAsync(recommendation, "Första revisionen.", eventId: "rev-1");
        await factory.ReviseRecommendationAsync(second, "Andra revisionen.");
        var before = await factory.ItemForAsync(recommendation.RecommendationId);

        await factory.ReviseRecommendationAsync(recommendation, "Första revisionen.", eventId: "rev-1");
        await factory.ReviseRecommendationAsync(recommendation, "Försenad leverans av första revisionen.");

        var after = await factory.ItemForAsync(recommendation.RecommendationId);
        Assert.Equal(before, after);
        Assert.Equal((3, "Version 3 replaces version 2: Andra revisionen."), (after.RecommendationVersion, after.RevisionSummary));
        Assert.Equal(2, (await factory.AuditAsync($"coordinationItems/{after.ItemId}")).Count);
    }

    [Fact]
    public async Task A_revision_of_a_recommendation_the_worklist_has_not_seen_opens_its_item_once()
    {
        var unseen = new RecommendationSnapshot
        {
            RecommendationId = Guid.NewGuid().ToString(),
            Number = "MTP-2027-101",
            Version = 1,
            CaseId = Guid.NewGuid().ToString(),
            ProductDisplayName = "Insulinpump Nova",
        };
        var revised = await factory.ReviseRecommendationAsync(unseen, "Ny indikation.");
        await factory.PublishRecommendationAsync(recommendation: unseen);

        var item = await factory.ItemForAsync(unseen.RecommendationId);
        Assert.Equal($"Decide the purchasing strategy for {unseen.Number}", item.Title);
        Assert.Equal((CoordinationItemState.Open, 2, unseen.CaseId, revised.ProductDisplayName),
            (item.State, item.RecommendationVersion, item.CaseId, item.ProductDisplayName));
    }

    [Fact]
    public async Task A_revision_without_a_recommendation_or_with_malformed_ids_writes_nothing()
    {
        var before = await factory.RowCountsAsync();
        var dispatcher = factory.Services.GetRequiredService<EventDispatcher>();
        RecommendationRevised[] malformed =
        [
            new() { PreviousVersion = 1, ChangeSummary = "Saknar rekommendation." },
            new() { Recommendation = new RecommendationSnapshot { RecommendationId = "inte-ett-id", CaseId = Guid.NewGuid().ToString(), Version = 2 } },
            new() { Recommendation = new RecommendationSnapshot { RecommendationId = Guid.NewGuid().ToString(), CaseId = "", Version = 2 } },
        ];

        foreach (var payload in malformed)
        {
            await dispatcher.DispatchAsync(new EventEnvelope(Guid.NewGuid().ToString(), RecommendationRevised.Descriptor.FullName, "samverkan/tests",
                factory.Clock.GetUtcNow(), null, JsonFormatter.Default.Format(payload)), CancellationToken.None);
        }

        Assert.Equal(before, await factory.RowCountsAsync());
    }

    [Fact]
    public async Task Under_dapr_the_service_subscribes_to_both_recommendation_events()
    {
        await using var dapr = new ServiceFactory<Program>(new Dictionary<string, string?> { ["EventBus:Kind"] = "Dapr" });
        using var http = dapr.CreateClient();
        var topics = (await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe")).EnumerateArray().Select(t => t.GetProperty("topic").GetString()).ToList();
        Assert.Contains(RecommendationPublished.Descriptor.FullName, topics);
        Assert.Contains(RecommendationRevised.Descriptor.FullName, topics);
    }
}
