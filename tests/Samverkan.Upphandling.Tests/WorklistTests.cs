using Grpc.Core;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

public sealed class WorklistTests(UpphandlingFactory factory) : IClassFixture<UpphandlingFactory>
{
    private readonly UpphandlingService.UpphandlingServiceClient _upphandling = factory.Client();

    [Fact]
    public async Task A_published_recommendation_opens_one_item_however_often_it_is_delivered()
    {
        var recommendation = await factory.PublishRecommendationAsync(eventId: "evt-1");
        await factory.PublishRecommendationAsync(eventId: "evt-1", recommendation: recommendation);
        await factory.PublishRecommendationAsync(eventId: "evt-2", recommendation: recommendation);

        var items = (await _upphandling.ListCoordinationItemsAsync(new ListCoordinationItemsRequest { PageSize = 100 }, Steps.Coordinator))
            .CoordinationItems.Where(i => i.RecommendationId == recommendation.RecommendationId).ToList();
        var item = Assert.Single(items);
        Assert.Equal($"Decide the purchasing strategy for {recommendation.Number}", item.Title);
        Assert.Equal(CoordinationItemState.Open, item.State);
        Assert.Equal(recommendation.CaseId, item.CaseId);
        Assert.Equal("Glukossensor X", item.ProductDisplayName);
    }

    [Fact]
    public async Task The_coordinator_decides_the_strategy_and_the_outbox_tells_cases()
    {
        var recommendation = await factory.PublishRecommendationAsync();
        var item = await factory.ItemForAsync(recommendation.RecommendationId);

        var decided = (await _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.DynamicPurchasingSystem,
            Grounds = "Flera leverantörer och nya tillkommer.",
            RegionCodes = { "07", "13" },
        }, Steps.Coordinator)).CoordinationItem;

        Assert.Equal(CoordinationItemState.Decided, decided.State);
        Assert.Equal(["07", "13"], decided.RegionCodes);
        Assert.Equal("koordinator", decided.Decision.Actor.Subject);
        var e = (await factory.ProcurementEventsAsync()).Single(x => x.ProcurementId == item.ItemId);
        Assert.Equal(ProcurementChange.StrategyDecided, e.Change);
        Assert.Equal([recommendation.CaseId], e.CaseIds);
        Assert.Equal([recommendation.RecommendationId], e.RecommendationIds);
        Assert.Equal(["endokrina-sjukdomar"], e.ProgrammeAreaCodes);
        Assert.Contains("a dynamic purchasing system", e.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decided_strategy_is_not_decided_again()
    {
        var item = await factory.ItemForAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var request = new DecidePurchasingStrategyRequest { Name = item.Name, Etag = item.Etag, Strategy = PurchasingStrategy.NoAction, Grounds = "Befintliga avtal räcker." };
        request.Etag = (await _upphandling.DecidePurchasingStrategyAsync(request, Steps.Coordinator)).CoordinationItem.Etag;

        var error = await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(request, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("ALREADY_DECIDED", error.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task Every_bad_field_of_a_decision_is_named_and_nothing_is_written()
    {
        var item = await factory.ItemForAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var error = await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = (PurchasingStrategy)99,
            Grounds = " ",
            RegionCodes = { "13", "99", "13" },
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["strategy", "grounds", "region_codes[1]", "region_codes[2]"], error.Fields());

        error = await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.JointProcurement,
            Grounds = "Samordnad upphandling.",
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["region_codes"], error.Fields());
    }

    [Fact]
    public async Task An_unknown_item_is_not_found()
    {
        await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = $"coordinationItems/{Guid.NewGuid()}",
            Etag = "1",
            Strategy = PurchasingStrategy.NoAction,
            Grounds = "Inget behov.",
        }, Steps.Coordinator), StatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.PreparationGroup)]
    public async Task Only_the_coordinator_decides(string role)
    {
        var item = await factory.ItemForAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        await factory.RefusedAsync(() => _upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.NoAction,
            Grounds = "Inget behov.",
        }, TestTokens.As(role)), StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task The_worklist_pages_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await factory.PublishRecommendationAsync();
        }

        var first = await _upphandling.ListCoordinationItemsAsync(new ListCoordinationItemsRequest { PageSize = 2 }, Steps.Coordinator);
        var second = await _upphandling.ListCoordinationItemsAsync(new ListCoordinationItemsRequest { PageSize = 2, PageToken = first.NextPageToken }, Steps.Coordinator);
        Assert.Equal(2, first.CoordinationItems.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.True(first.CoordinationItems[0].CreateTime.ToDateTime() >= first.CoordinationItems[1].CreateTime.ToDateTime());
        Assert.Empty(first.CoordinationItems.Select(i => i.ItemId).Intersect(second.CoordinationItems.Select(i => i.ItemId)));
    }

    [Fact]
    public async Task A_region_contact_does_not_read_the_coordinators_worklist()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _upphandling.ListCoordinationItemsAsync(
            new ListCoordinationItemsRequest(), TestTokens.As(Roles.RegionContact, "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_foreign_page_token_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _upphandling.ListCoordinationItemsAsync(
            new ListCoordinationItemsRequest { PageToken = "bm90IGEgdG9rZW4" }, Steps.Coordinator).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(error.FieldViolations()).Field);
    }
}
