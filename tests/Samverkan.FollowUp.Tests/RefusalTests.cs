using Grpc.Core;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

/// <summary>
/// Every request a region's contact person or a reader can get wrong, per RPC: the gRPC status, the fields named and
/// that nothing was written (reporting stages has its own in <see cref="ReportingTests"/>).
/// </summary>
public sealed class RefusalTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private static readonly string[] NotContacts = [Roles.Operator, Roles.PreparationGroup, Roles.CouncilSecretary];

    private readonly FollowUpSteps _steps = new(factory);

    private FollowUpService.FollowUpServiceClient Client => _steps.Client;

    [Fact]
    public async Task Every_call_needs_a_token()
    {
        var id = await _steps.PublishAsync();
        await _steps.RefusedAsync(() => Client.GetFollowUpAsync(new GetFollowUpRequest { Name = FollowUpSteps.Name(id, "13") }), StatusCode.Unauthenticated);
        await _steps.RefusedAsync(() => Client.ReportStageAsync(_steps.Stage(id, "13", FollowUpStage.Received)), StatusCode.Unauthenticated);
        await _steps.RefusedAsync(() => Client.GetYearlyReportAsync(new GetYearlyReportRequest { Year = _steps.Today.Year, Format = ReportFormat.Csv }), StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task GetFollowUp_names_a_malformed_name_or_an_unknown_region_and_an_unknown_follow_up_is_not_found()
    {
        foreach (var name in new[] { string.Empty, "recommendations/x/followUps/13", "followUps/13", $"recommendations/{Guid.NewGuid()}/followUps/02" })
        {
            var error = await _steps.RefusedAsync(() => Client.GetFollowUpAsync(new GetFollowUpRequest { Name = name }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
            Assert.Equal(["name"], error.FieldViolations().Select(f => f.Field));
        }

        await _steps.RefusedAsync(() => Client.GetFollowUpAsync(new GetFollowUpRequest { Name = FollowUpSteps.Name(Guid.NewGuid().ToString(), "13") }, FollowUpSteps.Operator), StatusCode.NotFound);
    }

    [Fact]
    public async Task A_correction_is_only_for_the_region_in_the_token_and_only_for_contact_persons()
    {
        var id = await _steps.PublishAsync();
        var reported = await _steps.ReportAsync(_steps.Stage(id, "14", FollowUpStage.CommentRound), "14");

        var otherRegion = await _steps.RefusedAsync(() => Client.CorrectStageAsync(Correction(reported, FollowUpStage.Received), FollowUpSteps.Contact("13")), StatusCode.PermissionDenied);
        Assert.Equal("REGION_MISMATCH", otherRegion.ErrorInfo()?.Reason);
        Assert.Equal(["name"], Fields(otherRegion));
        foreach (var role in NotContacts)
        {
            await _steps.RefusedAsync(() => Client.CorrectStageAsync(Correction(reported, FollowUpStage.Received), TestTokens.As(role, "14")), StatusCode.PermissionDenied);
        }

        Assert.Equal(FollowUpStage.Received, (await Client.CorrectStageAsync(Correction(reported, FollowUpStage.Received), FollowUpSteps.Contact("14"))).FollowUp.Stage);
    }

    [Fact]
    public async Task A_bad_correction_names_each_field_and_writes_nothing()
    {
        var id = await _steps.PublishAsync();
        var reported = await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.CommentRound), "13");

        var unknownRegion = Correction(reported, FollowUpStage.Received);
        unknownRegion.Name = FollowUpSteps.Name(id, "26");
        Assert.Equal(["name"], Fields(await RefusedCorrectionAsync(unknownRegion, "26", StatusCode.InvalidArgument)));

        var bad = Correction(reported, FollowUpStage.Open);
        bad.Date = FollowUpSteps.Date(_steps.Today.AddDays(1));
        bad.DocumentUri = "ftp://example.se/analys";
        bad.Etag = "x";
        bad.Reason = new string('x', 4001);
        Assert.Equal(["date", "document_uri", "etag", "reason", "stage"], Fields(await RefusedCorrectionAsync(bad, "13", StatusCode.InvalidArgument)));

        var undecided = Correction(reported, FollowUpStage.Decided);
        Assert.Equal(["decision", "decision_grounds", "decision_reference"], Fields(await RefusedCorrectionAsync(undecided, "13", StatusCode.InvalidArgument)));

        var decisionTooEarly = Correction(reported, FollowUpStage.Received);
        decisionTooEarly.Decision = RegionalDecision.Follows;
        decisionTooEarly.DecisionGrounds = "Enligt förslaget.";
        decisionTooEarly.DecisionReference = "RS 2026-13";
        Assert.Equal(["decision", "decision_grounds", "decision_reference"], Fields(await RefusedCorrectionAsync(decisionTooEarly, "13", StatusCode.InvalidArgument)));

        var beforePublication = Correction(reported, FollowUpStage.Received);
        beforePublication.Date = FollowUpSteps.Date(_steps.Today.AddDays(-10));
        Assert.Equal(["date"], Fields(await RefusedCorrectionAsync(beforePublication, "13", StatusCode.InvalidArgument)));

        var stale = Correction(reported, FollowUpStage.Received);
        stale.Etag = "1";
        await RefusedCorrectionAsync(stale, "13", StatusCode.Aborted);

        var unknownRecommendation = Correction(reported, FollowUpStage.Received);
        unknownRecommendation.Name = FollowUpSteps.Name(Guid.NewGuid().ToString(), "13");
        await RefusedCorrectionAsync(unknownRecommendation, "13", StatusCode.NotFound);

        var open = await _steps.GetAsync(id, "12");
        var nothingToCorrect = await RefusedCorrectionAsync(Correction(open, FollowUpStage.Received), "12", StatusCode.FailedPrecondition);
        Assert.Equal("NOTHING_TO_CORRECT", nothingToCorrect.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task A_confirmation_is_only_for_the_region_in_the_token_and_a_bad_one_names_its_fields()
    {
        var id = await _steps.PublishAsync();
        await _steps.ReportAsync(_steps.Decide(id, "13"), "13");
        await _steps.ReportAsync(_steps.Decide(id, "14"), "14");
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(90), version: 2), PreviousVersion = 1, Audit = _steps.Secretary() });
        var halland = await _steps.GetAsync(id, "13");
        Assert.True(halland.ConfirmationRequested);

        var otherRegion = await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = halland.Name }, FollowUpSteps.Contact("14")), StatusCode.PermissionDenied);
        Assert.Equal("REGION_MISMATCH", otherRegion.ErrorInfo()?.Reason);
        Assert.Equal(["name"], Fields(otherRegion));
        foreach (var role in NotContacts)
        {
            await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = halland.Name }, TestTokens.As(role, "13")), StatusCode.PermissionDenied);
        }

        var bad = await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(
            new ConfirmDecisionRequest { Name = halland.Name, Etag = "x", Reason = new string('x', 4001) }, FollowUpSteps.Contact("13")), StatusCode.InvalidArgument);
        Assert.Equal(["etag", "reason"], Fields(bad));
        var badName = await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = FollowUpSteps.Name(id, "02") }, FollowUpSteps.Contact("02")), StatusCode.InvalidArgument);
        Assert.Equal(["name"], Fields(badName));
        await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = halland.Name, Etag = "1" }, FollowUpSteps.Contact("13")), StatusCode.Aborted);
        await _steps.RefusedAsync(() => Client.ConfirmDecisionAsync(
            new ConfirmDecisionRequest { Name = FollowUpSteps.Name(Guid.NewGuid().ToString(), "13") }, FollowUpSteps.Contact("13")), StatusCode.NotFound);

        Assert.False((await Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = halland.Name, Etag = halland.Etag }, FollowUpSteps.Contact("13"))).FollowUp.ConfirmationRequested);
    }

    [Fact]
    public async Task Uptake_is_reported_only_for_the_region_in_the_token_and_a_bad_figure_names_its_fields()
    {
        var id = await _steps.PublishAsync();
        var period = new UptakePeriod { Year = _steps.Today.Year, Quarter = ((_steps.Today.Month - 1) / 3) + 1 };
        ReportUptakeRequest Figure(string region) => new() { FollowUp = FollowUpSteps.Name(id, region), Period = period, Measure = UptakeMeasure.UnitsUsed, Value = 12 };

        var otherRegion = await _steps.RefusedAsync(() => Client.ReportUptakeAsync(Figure("14"), FollowUpSteps.Contact("13")), StatusCode.PermissionDenied);
        Assert.Equal("REGION_MISMATCH", otherRegion.ErrorInfo()?.Reason);
        Assert.Equal(["follow_up"], Fields(otherRegion));
        foreach (var role in NotContacts)
        {
            await _steps.RefusedAsync(() => Client.ReportUptakeAsync(Figure("14"), TestTokens.As(role, "14")), StatusCode.PermissionDenied);
        }

        var unknownRegion = await _steps.RefusedAsync(() => Client.ReportUptakeAsync(Figure("26"), FollowUpSteps.Contact("26")), StatusCode.InvalidArgument);
        Assert.Equal(["follow_up"], Fields(unknownRegion));

        var noPeriod = Figure("13");
        noPeriod.Period = null;
        noPeriod.Reason = new string('x', 4001);
        Assert.Equal(["period", "reason"], Fields(await _steps.RefusedAsync(() => Client.ReportUptakeAsync(noPeriod, FollowUpSteps.Contact("13")), StatusCode.InvalidArgument)));

        var tooEarly = Figure("13");
        tooEarly.Period = new UptakePeriod { Year = 1999, Quarter = 0 };
        tooEarly.Value = double.PositiveInfinity;
        Assert.Equal(["period.quarter", "period.year", "value"], Fields(await _steps.RefusedAsync(() => Client.ReportUptakeAsync(tooEarly, FollowUpSteps.Contact("13")), StatusCode.InvalidArgument)));

        var unknownRecommendation = Figure("13");
        unknownRecommendation.FollowUp = FollowUpSteps.Name(Guid.NewGuid().ToString(), "13");
        await _steps.RefusedAsync(() => Client.ReportUptakeAsync(unknownRecommendation, FollowUpSteps.Contact("13")), StatusCode.NotFound);

        Assert.Equal(12, (await Client.ReportUptakeAsync(Figure("13"), FollowUpSteps.Contact("13"))).Figure.Value);
    }

    [Fact]
    public async Task The_uptake_measures_need_a_recommendation_a_begun_period_and_a_measure()
    {
        var id = await _steps.PublishAsync();
        var today = _steps.Today;
        var nextQuarter = ((today.Month - 1) / 3) + 2;
        var future = nextQuarter > 4 ? new UptakePeriod { Year = today.Year + 1, Quarter = 1 } : new UptakePeriod { Year = today.Year, Quarter = nextQuarter };

        var missing = await _steps.RefusedAsync(() => Client.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest(), FollowUpSteps.Operator), StatusCode.InvalidArgument);
        Assert.Equal(["measure", "period", "recommendation_id"], Fields(missing));
        var bad = await _steps.RefusedAsync(() => Client.GetUptakeMeasuresAsync(
            new GetUptakeMeasuresRequest { RecommendationId = "x", Period = future, Measure = (UptakeMeasure)9 }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
        Assert.Equal(["measure", "period", "recommendation_id"], Fields(bad));
        var quarter = await _steps.RefusedAsync(() => Client.GetUptakeMeasuresAsync(
            new GetUptakeMeasuresRequest { RecommendationId = id, Period = new UptakePeriod { Year = today.Year, Quarter = 5 }, Measure = UptakeMeasure.UnitsUsed }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
        Assert.Equal(["period.quarter"], Fields(quarter));

        var begun = new UptakePeriod { Year = today.Year, Quarter = ((today.Month - 1) / 3) + 1 };
        await _steps.RefusedAsync(() => Client.GetUptakeMeasuresAsync(
            new GetUptakeMeasuresRequest { RecommendationId = Guid.NewGuid().ToString(), Period = begun, Measure = UptakeMeasure.UnitsUsed }, FollowUpSteps.Operator), StatusCode.NotFound);
    }

    [Fact]
    public async Task The_matrix_needs_a_known_recommendation_and_the_national_overview_a_year_that_has_begun()
    {
        foreach (var id in new[] { string.Empty, "x" })
        {
            var error = await _steps.RefusedAsync(() => Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
            Assert.Equal(["recommendation_id"], Fields(error));
        }

        await _steps.RefusedAsync(() => Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = Guid.NewGuid().ToString() }, FollowUpSteps.Operator), StatusCode.NotFound);

        foreach (var year in new[] { _steps.Today.Year + 1, 1999, -1 })
        {
            var error = await _steps.RefusedAsync(() => Client.GetNationalOverviewAsync(new GetNationalOverviewRequest { Year = year }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
            Assert.Equal(["year"], Fields(error));
        }

        var empty = await _steps.RefusedAsync(() => Client.GetRegionOverviewAsync(new GetRegionOverviewRequest(), FollowUpSteps.Operator), StatusCode.InvalidArgument);
        Assert.Equal(["region_code"], Fields(empty));
        var pastYear = await _steps.RefusedAsync(() => Client.GetYearlyReportAsync(new GetYearlyReportRequest { Year = 1999, Format = (ReportFormat)7 }, FollowUpSteps.Operator), StatusCode.InvalidArgument);
        Assert.Equal(["format", "year"], Fields(pastYear));
    }

    private CorrectStageRequest Correction(V1.FollowUp current, FollowUpStage stage) => new()
    {
        Name = current.Name,
        Stage = stage,
        Date = FollowUpSteps.Date(_steps.Today),
        Etag = current.Etag,
        Reason = "Fel steg rapporterat.",
    };

    private Task<RpcException> RefusedCorrectionAsync(CorrectStageRequest request, string region, StatusCode expected) =>
        _steps.RefusedAsync(() => Client.CorrectStageAsync(request, FollowUpSteps.Contact(region)), expected);

    private static List<string> Fields(RpcException error) => [.. error.FieldViolations().Select(f => f.Field).Order(StringComparer.Ordinal)];
}
