using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// Regional follow-up through the real standalone host: the council publishes, 21 regions report at once, the
/// deadline passes on the controllable clock, and the overview, the overdue events (as Cases records them), the
/// equality measures and the yearly report show what happened.
/// </summary>
public sealed class FollowUpJourneyTests : IAsyncLifetime
{
    private static readonly string[] Regions = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];
    private static readonly string[] Undecided = ["04", "21", "25"];

    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-followup-");
    private StandaloneProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, new Dictionary<string, string> { ["Clock__Controllable"] = "true" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task Twenty_one_regions_follow_a_published_recommendation_past_its_deadline_into_the_yearly_report()
    {
        var steps = new JourneySteps(_host);
        var followUps = new FollowUpService.FollowUpServiceClient(_host.CreateGrpcChannel());
        var today = TimeProvider.System.Today();
        var product = "Insulinpump Lilla " + Guid.NewGuid().ToString("N")[..6];
        var readyCase = await steps.ReadyCaseAsync(product);
        var recommendation = await steps.PublishAsync(readyCase.CaseId, today, today.AddDays(30));
        var id = recommendation.RecommendationId;

        var opened = await Eventually.Until(
            async () => (await followUps.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = id }, JourneySteps.Operator)).FollowUps,
            list => list.Count == 21, what: "21 follow-ups opened");
        Assert.All(opened, f => Assert.Equal((recommendation.Number, JourneySteps.ToDate(today.AddDays(30))), (f.RecommendationNumber, f.Deadline)));

        // All 21 contact persons at once, each with their own region's token.
        await Task.WhenAll(Regions.Select(region => followUps.ReportStageAsync(new ReportStageRequest
        {
            Name = Name(id, region),
            Stage = FollowUpStage.Received,
            Date = JourneySteps.ToDate(today),
        }, Contact(region)).ResponseAsync));
        var denied = await Assert.ThrowsAsync<RpcException>(() => followUps.ReportStageAsync(new ReportStageRequest
        {
            Name = Name(id, "14"),
            Stage = FollowUpStage.ConsequenceAnalysis,
            Date = JourneySteps.ToDate(today),
        }, Contact("13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        await steps.AdvanceClockAsync(TimeSpan.FromDays(10));
        var decisionDay = today.AddDays(10);
        await Task.WhenAll(Regions.Except(Undecided).Select(region => followUps.ReportStageAsync(new ReportStageRequest
        {
            Name = Name(id, region),
            Stage = FollowUpStage.Decided,
            Date = JourneySteps.ToDate(decisionDay),
            Decision = region switch { "13" => RegionalDecision.DoesNotFollow, "14" => RegionalDecision.FollowsInPart, _ => RegionalDecision.Follows },
            DecisionGrounds = "Hälso- och sjukvårdsdirektörens beslut efter prioriteringsrådets förslag.",
            DecisionReference = "RS 2026-" + region,
        }, Contact(region)).ResponseAsync));

        var lastQuarter = LastQuarter(today);
        await Task.WhenAll(new[] { ("01", 2473.307), ("14", 3545.642), ("13", 171.873), ("04", 10.0) }.Select(f => followUps.ReportUptakeAsync(new ReportUptakeRequest
        {
            FollowUp = Name(id, f.Item1),
            Period = lastQuarter,
            Measure = UptakeMeasure.PatientsTreated,
            Value = f.Item2,
        }, Contact(f.Item1)).ResponseAsync));

        await steps.AdvanceClockAsync(TimeSpan.FromDays(22));
        var matrix = await Eventually.Until(
            () => followUps.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, JourneySteps.Operator).ResponseAsync,
            m => m.RegionsOverdue == Undecided.Length, what: "the undecided regions overdue");
        Assert.Equal(18, matrix.RegionsDecided);
        Assert.Equal(Undecided, matrix.Rows.Where(r => r.Overdue).Select(r => r.RegionCode));
        Assert.Equal((RegionalDecision.DoesNotFollow, JourneySteps.ToDate(decisionDay)), (matrix.Rows.Single(r => r.RegionCode == "13").Decision, matrix.Rows.Single(r => r.RegionCode == "13").DecisionDate));

        // FollowUpOverdue went through the outbox and the bus: Cases records each region's overdue once.
        var followed = await Eventually.Until(
            async () => (await steps.Cases.GetCaseAsync(new GetCaseRequest { Name = readyCase.Name }, JourneySteps.Operator)).Case,
            c => c.RegionFollowUps.Count(r => r.Overdue) == Undecided.Length, what: "Cases showing the overdue regions");
        Assert.Equal(Undecided, followed.RegionFollowUps.Where(r => r.Overdue).Select(r => r.RegionCode).Order(StringComparer.Ordinal));
        Assert.Equal(RegionalDecision.FollowsInPart, followed.RegionFollowUps.Single(r => r.RegionCode == "14").Decision);

        var measures = await followUps.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = lastQuarter, Measure = UptakeMeasure.PatientsTreated }, JourneySteps.Operator);
        // By hand: rates 2473.307 / 2,473,307 × 100,000 = 100, 3545.642 / 1,772,821 × 100,000 = 200, 171.873 / 343,746 × 100,000 = 50;
        // national 6190.822 / 4,589,874 × 100,000 = 134.88; mean 116.67, population sd √3888.89 = 62.36, CV 0.5345; max/min 200 / 50 = 4;
        // outside [134.88 / 1.5, 134.88 × 1.5] = [89.92, 202.32]: Halland. Sörmland (04) has no population figure.
        Assert.Equal(134.88, measures.NationalRatePer100K, 2);
        Assert.Equal(0.5345, measures.CoefficientOfVariation, 4);
        Assert.Equal(4, measures.MaxMinRatio, 9);
        Assert.Equal(["13"], measures.OutlierRegionCodes);
        Assert.Equal(["04"], measures.RegionsWithoutPopulation);
        Assert.Equal("population not set for region 04", measures.Regions.Single(r => r.RegionCode == "04").Note);

        var national = await followUps.GetNationalOverviewAsync(new GetNationalOverviewRequest { Year = today.Year }, JourneySteps.Operator);
        var line = Assert.Single(national.Recommendations, r => r.RecommendationId == id);
        Assert.Equal((18, 21, 10.0, 3), (line.RegionsDecided, line.RegionsTotal, line.MedianDaysToDecision, line.RegionsOverdue));
        var sormland = await followUps.GetRegionOverviewAsync(new GetRegionOverviewRequest { RegionCode = "04" }, Contact("04"));
        Assert.True(Assert.Single(sormland.OpenFollowUps, o => o.Name == Name(id, "04")).Overdue);

        var csv = (await followUps.GetYearlyReportAsync(new GetYearlyReportRequest { Year = today.Year, Format = ReportFormat.Csv }, JourneySteps.Operator)).Content;
        var rows = csv.Split('\n').Where(l => l.StartsWith(recommendation.Number + ",", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.Equal(21, rows.Count);
        Assert.Equal(("DoesNotFollow", "10", "no", "50"), (rows.Single(r => r[5] == "13")[8], rows.Single(r => r[5] == "13")[10], rows.Single(r => r[5] == "13")[11], rows.Single(r => r[5] == "13")[15]));
        Assert.Equal("yes", rows.Single(r => r[5] == "25")[11]);
        var markdown = (await followUps.GetYearlyReportAsync(new GetYearlyReportRequest { Year = today.Year, Format = ReportFormat.Markdown }, JourneySteps.Operator)).Content;
        Assert.Contains($"| {recommendation.Number} | {product} | 18/21 | 16 | 1 | 1 | 3 | 10 | 0.5345 | 4 |", markdown, StringComparison.Ordinal);
    }

    private static Metadata Contact(string region) => TestTokens.As(Roles.RegionContact, region, "kontakt-" + region);

    private static string Name(string id, string region) => $"recommendations/{id}/followUps/{region}";

    private static UptakePeriod LastQuarter(DateOnly today)
    {
        var quarter = ((today.Month - 1) / 3) + 1;
        return quarter == 1 ? new UptakePeriod { Year = today.Year - 1, Quarter = 4 } : new UptakePeriod { Year = today.Year, Quarter = quarter - 1 };
    }
}
