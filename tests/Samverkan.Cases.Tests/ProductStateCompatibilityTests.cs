using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;

namespace Samverkan.Cases.Tests;

/// <summary>
/// Grain state is stored in Orleans' binary format. Fixtures/product-state-v1.bin is a product's state as the first
/// version of the service wrote it (registration only); Fixtures/product-state-v2.bin one with every part the state
/// has today (assessments, decision, recommendation, reports, pending events and timers), as this version writes it.
/// Later types must read both, so an id or alias changed by mistake fails here rather than on stored cases.
/// </summary>
public sealed class ProductStateCompatibilityTests
{
    [Fact]
    public void State_written_in_the_first_shape_reads_into_the_current_one()
    {
        var state = Read("product-state-v1.bin");

        Assert.Equal(1, state.Version);
        Assert.Equal(CaseStatus.Registered, state.Status);
        Assert.NotNull(state.Product);
        Assert.Equal("Insulinpump Omnia", state.Product.DisplayName);
        Assert.Equal(RiskClass.MdrIIb, state.Product.RiskClass);
        Assert.Equal(new DateOnly(2027, 3, 1), state.Product.ExpectedMarketDate);
        var entry = Assert.Single(state.Timeline);
        Assert.Equal(("anna.berg", "Region Halland", "registered"), (entry.Actor.Subject, entry.Actor.Organisation, entry.What));
        Assert.Empty(entry.Details);
        Assert.Empty(state.Assessments);
        Assert.Null(state.Recommendation);
        Assert.Empty(state.PendingTimers);
    }

    [Fact]
    public void State_with_every_part_as_this_version_writes_it_keeps_reading()
    {
        var state = Read("product-state-v2.bin");

        Assert.Equal((9, CaseStatus.Recommended), (state.Version, state.Status));
        var product = state.Product!;
        Assert.Equal((Regulation.Ivdr, RiskClass.IvdrC, CeMarking.Pending, true), (product.Regulation, product.RiskClass, product.CeMarking, product.IsSoftware));
        Assert.Equal(("73500001SEPSIS01KB", "W0105", ProductSource.Company), (product.BasicUdiDi, product.EmdnCode, product.Source));
        Assert.Null(product.ExpectedMarketDate);
        Assert.Equal(("13", "Beslutsstöd Sepsis (Nordic Sense AB)"), (Assert.Single(state.Timeline).Actor.RegionCode, state.Timeline[0].Details));
        Assert.Equal((45_000_000L, "Stor patientnytta."), (state.Prioritisation!.EstimatedTotalCostSek, state.Prioritisation.Grounds));
        Assert.Equal((true, Outcome.Await, "anna.berg"), (state.Decision!.Accepted, state.Decision.InterimAdvice, state.Decision.Actor.Subject));
        var assessment = Assert.Single(state.Assessments);
        Assert.Equal((Assessor.RegionalHta, "HTA-centrum Västra Götaland", new DateOnly(2027, 1, 31)), (assessment.Assessor, assessment.AssessorUnit, assessment.ExpectedDeliveryDate));
        Assert.Equal(("HTA 2027:01", true, true), (assessment.ReportReference, assessment.IsDelivered, assessment.Overdue));
        Assert.Equal(("MTP-2027-003", 2, Outcome.CanUse, new DateOnly(2029, 3, 1)), (state.Recommendation!.Number, state.Recommendation.Version, state.Recommendation.Outcome, state.Recommendation.ReviewDate));
        Assert.Equal(["vast"], state.Recommendation.HealthcareRegionCodes);
        Assert.Equal(("PROCUREMENT_CHANGE_DPS_PUBLISHED", "e-2"), (Assert.Single(state.ProcurementActivities).LatestChange, state.ProcurementActivities[0].LastEventId));
        Assert.Equal(("14", 5, 1, true), (Assert.Single(state.RegionFollowUps).RegionCode, state.RegionFollowUps[0].Stage, state.RegionFollowUps[0].Decision, state.RegionFollowUps[0].Overdue));
        Assert.Equal(("e-1", "00-trace"), (Assert.Single(state.PendingEvents).EventId, state.PendingEvents[0].TraceParent));
        Assert.Equal(("assessment-due", true), (Assert.Single(state.PendingTimers).Kind, state.PendingTimers[0].Cancel));
    }

    private static ProductState Read(string fixture)
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(ProductState).Assembly)).BuildServiceProvider();
        var state = services.GetRequiredService<Serializer>().Deserialize<ProductState>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        Assert.NotNull(state);
        return state;
    }
}
