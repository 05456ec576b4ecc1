using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Samverkan.FollowUp.V1;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class UptakeTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    private UptakePeriod LastQuarter
    {
        get
        {
            var today = _steps.Today;
            var quarter = ((today.Month - 1) / 3) + 1;
            return quarter == 1 ? new UptakePeriod { Year = today.Year - 1, Quarter = 4 } : new UptakePeriod { Year = today.Year, Quarter = quarter - 1 };
        }
    }

    [Fact]
    public async Task Rates_per_100000_and_the_equality_measures_match_the_figures_computed_by_hand()
    {
        var id = await _steps.PublishAsync();
        // Stockholm 2,473,307 inhabitants, Västra Götaland 1,772,821, Halland 343,746 (populations.csv); Sörmland has none.
        await ReportAsync(id, "01", 2473.307);
        await ReportAsync(id, "14", 3545.642);
        await ReportAsync(id, "13", 171.873);
        await ReportAsync(id, "04", 10);
        await ReportAsync(id, "13", 171.873, reason: "Samma siffra, rättad källa.");

        var m = await _steps.Client.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = LastQuarter, Measure = UptakeMeasure.PatientsTreated }, FollowUpSteps.Operator);

        // Rates: 2473.307 / 2,473,307 × 100,000 = 100; 3545.642 / 1,772,821 × 100,000 = 200; 171.873 / 343,746 × 100,000 = 50.
        Assert.Equal(100, m.Regions.Single(r => r.RegionCode == "01").RatePer100K, 9);
        Assert.Equal(200, m.Regions.Single(r => r.RegionCode == "14").RatePer100K, 9);
        Assert.Equal(50, m.Regions.Single(r => r.RegionCode == "13").RatePer100K, 9);
        // National: (2473.307 + 3545.642 + 171.873) / (2,473,307 + 1,772,821 + 343,746) × 100,000 = 6190.822 / 45.89874 = 134.88.
        Assert.Equal(134.88, m.NationalRatePer100K, 2);
        // Mean 116.667; deviations −16.667, 83.333, −66.667; variance (277.78 + 6944.44 + 4444.44) / 3 = 3888.89; sd 62.36; CV 0.5345.
        Assert.Equal(0.5345, m.CoefficientOfVariation, 4);
        Assert.Equal(4, m.MaxMinRatio, 9);
        // Factor 1.5: outside [134.88 / 1.5, 134.88 × 1.5] = [89.92, 202.32] lies only Halland's 50.
        Assert.Equal(1.5, m.OutlierFactor);
        Assert.Equal(["13"], m.OutlierRegionCodes);
        Assert.Equal(3, m.RegionsMeasured);
        Assert.Equal(["04"], m.RegionsWithoutPopulation);
        var sormland = m.Regions.Single(r => r.RegionCode == "04");
        Assert.Equal((true, false, false, "population not set for region 04"), (sormland.Reported, sormland.PopulationKnown, sormland.HasRatePer100K, sormland.Note));
        Assert.Equal(21, m.Regions.Count);
        Assert.Equal("no figure reported for the period", m.Regions.Single(r => r.RegionCode == "05").Note);
    }

    [Fact]
    public async Task Reporting_a_period_again_replaces_the_figure_and_the_audit_trail_keeps_the_old_value()
    {
        var id = await _steps.PublishAsync();
        await ReportAsync(id, "13", 100);
        await ReportAsync(id, "13", 171.873, reason: "Fel källa i första rapporten.");

        var m = await _steps.Client.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = LastQuarter, Measure = UptakeMeasure.PatientsTreated }, FollowUpSteps.Operator);
        Assert.Equal((171.873, 50.0), (m.Regions.Single(r => r.RegionCode == "13").Value, Math.Round(m.Regions.Single(r => r.RegionCode == "13").RatePer100K, 9)));
        await using var db = await _steps.Contexts().CreateDbContextAsync();
        Assert.Equal(1, await db.UptakeFigures.CountAsync(u => u.RecommendationId == Guid.Parse(id) && u.RegionCode == "13"));
        var audit = await db.AuditTrail.Where(a => a.Resource == FollowUpSteps.Name(id, "13") && a.Action == "follow-up.uptake-reported").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Contains("(was 100)", audit[1].Details, StringComparison.Ordinal);
        Assert.Equal("Fel källa i första rapporten.", audit[1].Reason);
    }

    [Fact]
    public async Task The_outlier_factor_is_configurable()
    {
        await using var strict = FollowUpFactory.With(new Dictionary<string, string?> { ["FollowUp:OutlierFactor"] = "1.2" });
        var steps = new FollowUpSteps(strict);
        var id = await steps.PublishAsync();
        foreach (var (region, value) in new[] { ("01", 2473.307), ("14", 3545.642), ("13", 171.873) })
        {
            await steps.Client.ReportUptakeAsync(new ReportUptakeRequest { FollowUp = FollowUpSteps.Name(id, region), Period = LastQuarter, Measure = UptakeMeasure.PatientsTreated, Value = value }, FollowUpSteps.Contact(region));
        }

        var m = await steps.Client.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = LastQuarter, Measure = UptakeMeasure.PatientsTreated }, FollowUpSteps.Operator);
        // Factor 1.2: outside [112.40, 161.86] lie Stockholm's 100, Halland's 50 and Västra Götaland's 200.
        Assert.Equal(["01", "13", "14"], m.OutlierRegionCodes);
    }

    [Fact]
    public async Task Negative_figures_periods_in_the_future_and_unknown_measures_are_refused_and_nothing_is_stored()
    {
        var id = await _steps.PublishAsync();
        var today = _steps.Today;
        var nextQuarter = ((today.Month - 1) / 3) + 2;
        var future = nextQuarter > 4 ? new UptakePeriod { Year = today.Year + 1, Quarter = 1 } : new UptakePeriod { Year = today.Year, Quarter = nextQuarter };

        var bad = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ReportUptakeAsync(new ReportUptakeRequest
        {
            FollowUp = FollowUpSteps.Name(id, "13"),
            Period = future,
            Measure = UptakeMeasure.Unspecified,
            Value = -1,
        }, FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["measure", "period", "value"], bad.FieldViolations().Select(f => f.Field).Order());

        var quarter = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ReportUptakeAsync(new ReportUptakeRequest
        {
            FollowUp = FollowUpSteps.Name(id, "13"),
            Period = new UptakePeriod { Year = today.Year, Quarter = 5 },
            Measure = UptakeMeasure.UnitsUsed,
            Value = double.NaN,
        }, FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal(["period.quarter", "value"], quarter.FieldViolations().Select(f => f.Field).Order());

        var m = await _steps.Client.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = LastQuarter, Measure = UptakeMeasure.PatientsTreated }, FollowUpSteps.Operator);
        Assert.DoesNotContain(m.Regions, r => r.Reported);
        Assert.False(m.HasNationalRatePer100K);
    }

    private Task ReportAsync(string id, string region, double value, string reason = "") =>
        _steps.Client.ReportUptakeAsync(new ReportUptakeRequest
        {
            FollowUp = FollowUpSteps.Name(id, region),
            Period = LastQuarter,
            Measure = UptakeMeasure.PatientsTreated,
            Value = value,
            Reason = reason,
        }, FollowUpSteps.Contact(region)).ResponseAsync;
}
