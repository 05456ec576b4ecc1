using Grpc.Core;
using Samverkan.Events.V1;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>
/// Optimistic concurrency on every update: the request carries the etag of the resource as last read; none is
/// InvalidArgument on <c>etag</c>, a stale one Aborted, and in both cases nothing is written.
/// </summary>
public sealed class EtagTests
{
    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    public async Task An_update_without_an_etag_this_service_gave_out_is_refused_on_the_etag_field(string etag)
    {
        await using var factory = new UpphandlingFactory();
        var (item, draft, published, application, innovation) = await ResourcesAsync(factory);
        var client = factory.Client();

        AssertEtagField(await factory.RefusedAsync(() => client.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = etag,
            Strategy = PurchasingStrategy.NoAction,
            Grounds = "Inget behov.",
        }, Steps.Coordinator), StatusCode.InvalidArgument));
        AssertEtagField(await factory.RefusedAsync(() => client.PublishDynamicPurchasingSystemAsync(
            new PublishDynamicPurchasingSystemRequest { Name = draft.Name, Etag = etag, Reason = "Annonserat." }, Steps.Coordinator), StatusCode.InvalidArgument));
        AssertEtagField(await factory.RefusedAsync(() => client.CloseDynamicPurchasingSystemAsync(
            new CloseDynamicPurchasingSystemRequest { Name = published.Name, Etag = etag, Reason = "Stängs." }, Steps.Coordinator), StatusCode.InvalidArgument));
        AssertEtagField(await factory.RefusedAsync(() => client.ExtendQualificationAssessmentAsync(
            new ExtendQualificationAssessmentRequest { Name = application.Name, Etag = etag, Reason = "Komplettering." }, Steps.Coordinator), StatusCode.InvalidArgument));
        AssertEtagField(await factory.RefusedAsync(() => client.DecideQualificationAsync(new DecideQualificationRequest
        {
            Name = application.Name,
            Etag = etag,
            Decision = QualificationDecision.Admitted,
            Grounds = "Uppfyller kraven.",
        }, Steps.Coordinator), StatusCode.InvalidArgument));
        AssertEtagField(await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = innovation.Name,
            Etag = etag,
            Phase = InnovationPhase.ResearchAndDevelopment,
            Reason = "Start.",
        }, Steps.Coordinator), StatusCode.InvalidArgument));
    }

    [Fact]
    public async Task An_update_with_the_etag_read_before_another_change_is_aborted_before_any_other_check()
    {
        await using var factory = new UpphandlingFactory();
        var (item, draft, _, application, innovation) = await ResourcesAsync(factory);
        var client = factory.Client();
        var decide = new DecidePurchasingStrategyRequest { Name = item.Name, Etag = item.Etag, Strategy = PurchasingStrategy.NoAction, Grounds = "Inget behov." };
        var decided = (await client.DecidePurchasingStrategyAsync(decide, Steps.Coordinator)).CoordinationItem;
        Assert.NotEqual(item.Etag, decided.Etag);
        AssertStale(await factory.RefusedAsync(() => client.DecidePurchasingStrategyAsync(decide, Steps.Coordinator), StatusCode.Aborted), item.Name, decided.Etag);

        var publish = new PublishDynamicPurchasingSystemRequest { Name = draft.Name, Etag = draft.Etag, Reason = "Annonserat." };
        var now = (await client.PublishDynamicPurchasingSystemAsync(publish, Steps.Coordinator)).DynamicPurchasingSystem;
        AssertStale(await factory.RefusedAsync(() => client.PublishDynamicPurchasingSystemAsync(publish, Steps.Coordinator), StatusCode.Aborted), draft.Name, now.Etag);
        AssertStale(await factory.RefusedAsync(() => client.CloseDynamicPurchasingSystemAsync(
            new CloseDynamicPurchasingSystemRequest { Name = draft.Name, Etag = draft.Etag, Reason = "Stängs." }, Steps.Coordinator), StatusCode.Aborted), draft.Name, now.Etag);

        var extended = (await client.ExtendQualificationAssessmentAsync(
            new ExtendQualificationAssessmentRequest { Name = application.Name, Etag = application.Etag, Reason = "Komplettering." }, Steps.Coordinator)).SupplierApplication;
        AssertStale(await factory.RefusedAsync(() => client.DecideQualificationAsync(new DecideQualificationRequest
        {
            Name = application.Name,
            Etag = application.Etag,
            Decision = QualificationDecision.Admitted,
            Grounds = "Uppfyller kraven.",
        }, Steps.Coordinator), StatusCode.Aborted), application.Name, extended.Etag);

        var advance = new AdvanceInnovationPhaseRequest { Name = innovation.Name, Etag = innovation.Etag, Phase = InnovationPhase.ResearchAndDevelopment, Reason = "Start." };
        var advanced = (await client.AdvanceInnovationPhaseAsync(advance, Steps.Coordinator)).InnovationProcurement;
        advance.Phase = InnovationPhase.Prototype;
        AssertStale(await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(advance, Steps.Coordinator), StatusCode.Aborted), innovation.Name, advanced.Etag);
    }

    [Fact]
    public async Task Of_two_decisions_read_with_the_same_etag_only_one_is_written()
    {
        await using var factory = new UpphandlingFactory();
        var system = await factory.PublishedSystemAsync((await factory.PublishRecommendationAsync()).RecommendationId);
        var application = await factory.ApplyAsync(system, Steps.Acme);
        var client = factory.Client();
        var decisions = new[] { QualificationDecision.Admitted, QualificationDecision.Rejected, QualificationDecision.Admitted, QualificationDecision.Rejected };

        var outcomes = await Task.WhenAll(decisions.Select(async decision =>
        {
            try
            {
                var decided = (await client.DecideQualificationAsync(new DecideQualificationRequest
                {
                    Name = application.Name,
                    Etag = application.Etag,
                    Decision = decision,
                    Grounds = "Prövad.",
                }, Steps.Coordinator)).SupplierApplication;
                return (StatusCode.OK, decided.Decision);
            }
            catch (RpcException e)
            {
                return (e.StatusCode, QualificationDecision.Unspecified);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Item1 == StatusCode.OK);
        Assert.All(outcomes.Where(o => o.Item1 != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o.Item1));
        var stored = Assert.Single((await client.ListSupplierApplicationsAsync(new ListSupplierApplicationsRequest { System = system.Name }, Steps.Coordinator)).Applications);
        Assert.Equal(winner.Item2, stored.Decision);
        Assert.Single(await factory.ProcurementEventsAsync(), e => e.Change is ProcurementChange.SupplierAdmitted or ProcurementChange.SupplierRejected);
    }

    private static async Task<(CoordinationItem Item, DynamicPurchasingSystem Draft, DynamicPurchasingSystem Published, SupplierApplication Application,
        InnovationProcurement Innovation)> ResourcesAsync(UpphandlingFactory factory)
    {
        var recommendation = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var item = await factory.ItemForAsync(recommendation.RecommendationId);
        var draft = (await client.CreateDynamicPurchasingSystemAsync(new CreateDynamicPurchasingSystemRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = Steps.System(recommendation.RecommendationId),
        }, Steps.Coordinator)).DynamicPurchasingSystem;
        var published = await factory.PublishedSystemAsync(recommendation.RecommendationId);
        var application = await factory.ApplyAsync(published, Steps.Acme);
        var innovation = (await client.CreateInnovationProcurementAsync(new CreateInnovationProcurementRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Procurement = InnovationTests.Partnership(recommendation.RecommendationId),
        }, Steps.Coordinator)).InnovationProcurement;
        return (item, draft, published, application, innovation);
    }

    private static void AssertEtagField(RpcException error) => Assert.Equal(["etag"], error.Fields());

    private static void AssertStale(RpcException error, string name, string currentEtag)
    {
        var info = error.ErrorInfo();
        Assert.Equal("ETAG_MISMATCH", info?.Reason);
        Assert.Equal(name, info!.Metadata["resource"]);
        Assert.Equal(currentEtag, info.Metadata["current_etag"]);
    }
}
