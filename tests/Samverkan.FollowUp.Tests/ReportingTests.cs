using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class ReportingTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task A_region_reports_its_stages_forward_with_date_reporter_and_document_and_each_report_is_published()
    {
        var id = await _steps.PublishAsync();
        await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Received), "13");
        await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.ConsequenceAnalysis), "13");
        var decided = await _steps.ReportAsync(_steps.Decide(id, "13", RegionalDecision.FollowsInPart), "13");
        var introduced = await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Implemented), "13");

        Assert.Equal((FollowUpStage.Decided, RegionalDecision.FollowsInPart), (decided.Stage, decided.Decision));
        Assert.Equal((FollowUpStage.Implemented, RegionalDecision.FollowsInPart, "5"), (introduced.Stage, introduced.Decision, introduced.Etag));
        Assert.Equal([FollowUpStage.Received, FollowUpStage.ConsequenceAnalysis, FollowUpStage.Decided, FollowUpStage.Implemented], introduced.History.Select(h => h.Stage));
        var decision = introduced.History[2];
        Assert.Equal(("kontakt-13", "13", "RS 2026-13", "https://example.se/beslut/13"), (decision.Audit.Actor.Subject, decision.Audit.Actor.RegionCode, decision.DecisionReference, decision.DocumentUri));
        var events = await _steps.OutboxAsync<FollowUpReported>(id);
        Assert.Equal([FollowUpStage.Received, FollowUpStage.ConsequenceAnalysis, FollowUpStage.Decided, FollowUpStage.Implemented], events.Select(e => e.Stage));
        Assert.All(events, e => Assert.Equal(("13", id), (e.RegionCode, e.RecommendationId)));
    }

    [Fact]
    public async Task Stages_may_be_skipped_but_not_the_decision()
    {
        var id = await _steps.PublishAsync();
        Assert.Equal(FollowUpStage.DecisionProposed, (await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.DecisionProposed), "13")).Stage);
        var before = await _steps.GetAsync(id, "13");

        var undecided = await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Implemented), "13"));
        Assert.Equal(["decision", "decision_grounds", "decision_reference"], undecided.FieldViolations().Select(f => f.Field).Order());
        await AssertUnchangedAsync(id, before);

        var phasedOut = _steps.Decide(id, "13", RegionalDecision.DoesNotFollow);
        phasedOut.Stage = FollowUpStage.Implemented;
        var after = await _steps.ReportAsync(phasedOut, "13");
        Assert.Equal((FollowUpStage.Implemented, RegionalDecision.DoesNotFollow), (after.Stage, after.Decision));
        var row = (await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator)).Rows.Single(r => r.RegionCode == "13");
        Assert.Equal((RegionalDecision.DoesNotFollow, FollowUpSteps.Date(_steps.Today)), (row.Decision, row.DecisionDate));
    }

    [Fact]
    public async Task A_stage_going_backwards_or_repeated_is_refused_with_the_field_and_nothing_is_written()
    {
        var id = await _steps.PublishAsync();
        var before = await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.CommentRound), "13");

        foreach (var stage in new[] { FollowUpStage.Received, FollowUpStage.CommentRound })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(_steps.Stage(id, "13", stage), "13"));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal(["stage"], error.FieldViolations().Select(f => f.Field));
        }

        await AssertUnchangedAsync(id, before);
    }

    [Fact]
    public async Task A_contact_person_reports_only_for_the_region_in_the_token_and_other_roles_not_at_all()
    {
        var id = await _steps.PublishAsync();
        var before = await _steps.GetAsync(id, "14");

        var otherRegion = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ReportStageAsync(_steps.Stage(id, "14", FollowUpStage.Received), FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "REGION_MISMATCH"), (otherRegion.StatusCode, otherRegion.ErrorInfo()?.Reason));
        Assert.Equal(["name"], otherRegion.FieldViolations().Select(f => f.Field));
        var uptake = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ReportUptakeAsync(new ReportUptakeRequest
        {
            FollowUp = before.Name,
            Period = new UptakePeriod { Year = _steps.Today.Year, Quarter = 1 },
            Measure = UptakeMeasure.PatientsTreated,
            Value = 3,
        }, FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, uptake.StatusCode);
        foreach (var role in new[] { Roles.Operator, Roles.PreparationGroup, Roles.CouncilSecretary })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ReportStageAsync(_steps.Stage(id, "14", FollowUpStage.Received), TestTokens.As(role, "14")).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        await AssertUnchangedAsync(id, before);
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_written()
    {
        var id = await _steps.PublishAsync();
        var before = await _steps.GetAsync(id, "13");

        var unknownRegion = await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(_steps.Stage(id, "26", FollowUpStage.Received), "26"));
        Assert.Equal((StatusCode.InvalidArgument, "name"), (unknownRegion.StatusCode, unknownRegion.FieldViolations().Single().Field));

        var future = _steps.Stage(id, "13", FollowUpStage.Received);
        future.Date = FollowUpSteps.Date(_steps.Today.AddDays(1));
        future.DocumentUri = "not a link";
        future.Etag = "x";
        var bad = await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(future, "13"));
        Assert.Equal(["date", "document_uri", "etag"], bad.FieldViolations().Select(f => f.Field).Order());

        var beforePublication = _steps.Stage(id, "13", FollowUpStage.Received);
        beforePublication.Date = FollowUpSteps.Date(_steps.Today.AddDays(-10));
        Assert.Equal(["date"], (await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(beforePublication, "13"))).FieldViolations().Select(f => f.Field));

        var open = _steps.Stage(id, "13", FollowUpStage.Open);
        open.Date = null;
        Assert.Equal(["date", "stage"], (await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(open, "13"))).FieldViolations().Select(f => f.Field).Order());

        var undecided = _steps.Stage(id, "13", FollowUpStage.Decided);
        Assert.Equal(["decision", "decision_grounds", "decision_reference"],
            (await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(undecided, "13"))).FieldViolations().Select(f => f.Field).Order());

        var earlyDecision = _steps.Decide(id, "13");
        earlyDecision.Stage = FollowUpStage.Received;
        Assert.Equal(["decision", "decision_grounds", "decision_reference"],
            (await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(earlyDecision, "13"))).FieldViolations().Select(f => f.Field).Order());

        var unknown = await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(_steps.Stage(Guid.NewGuid().ToString(), "13", FollowUpStage.Received), "13"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var stale = _steps.Stage(id, "13", FollowUpStage.Received);
        stale.Etag = "7";
        Assert.Equal(StatusCode.Aborted, (await Assert.ThrowsAsync<RpcException>(() => _steps.ReportAsync(stale, "13"))).StatusCode);

        await AssertUnchangedAsync(id, before);
    }

    [Fact]
    public async Task A_correction_may_go_back_needs_a_reason_and_the_etag_and_keeps_the_corrected_report_in_the_history()
    {
        var id = await _steps.PublishAsync();
        await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Received), "13");
        var wrong = await _steps.ReportAsync(_steps.Decide(id, "13"), "13");

        var noReason = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.CorrectStageAsync(
            new CorrectStageRequest { Name = wrong.Name, Stage = FollowUpStage.Received, Date = FollowUpSteps.Date(_steps.Today) }, FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal(["etag", "reason"], noReason.FieldViolations().Select(f => f.Field).Order());

        var corrected = (await _steps.Client.CorrectStageAsync(new CorrectStageRequest
        {
            Name = wrong.Name,
            Stage = FollowUpStage.CommentRound,
            Date = FollowUpSteps.Date(_steps.Today),
            Etag = wrong.Etag,
            Reason = "Beslutet var bara ett förslag.",
        }, FollowUpSteps.Contact("13"))).FollowUp;

        Assert.Equal((FollowUpStage.CommentRound, RegionalDecision.Unspecified), (corrected.Stage, corrected.Decision));
        Assert.Equal([StageReportKind.Reported, StageReportKind.Reported, StageReportKind.Corrected], corrected.History.Select(h => h.Kind));
        Assert.Equal((FollowUpStage.Decided, RegionalDecision.Follows), (corrected.History[1].Stage, corrected.History[1].Decision));
        Assert.Equal("Beslutet var bara ett förslag.", corrected.History[2].Audit.Reason);
        Assert.Equal(FollowUpStage.CommentRound, (await _steps.OutboxAsync<FollowUpReported>(id)).Last().Stage);
        Assert.Equal(FollowUpStage.DecisionProposed, (await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.DecisionProposed), "13")).Stage);
    }

    [Fact]
    public async Task Correcting_the_introduction_keeps_the_decision_date_and_correcting_the_decision_moves_it()
    {
        var id = await _steps.PublishAsync();
        factory.Clock.Advance(TimeSpan.FromDays(10));
        var decidedOn = _steps.Today;
        await _steps.ReportAsync(_steps.Decide(id, "13"), "13");
        factory.Clock.Advance(TimeSpan.FromDays(10));
        var introduced = await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Implemented), "13");

        var correction = new CorrectStageRequest
        {
            Name = introduced.Name,
            Stage = FollowUpStage.Implemented,
            Date = FollowUpSteps.Date(_steps.Today.AddDays(-1)),
            Decision = RegionalDecision.Follows,
            DecisionGrounds = "Beslut av hälso- och sjukvårdsdirektören.",
            DecisionReference = "RS 2026-13",
            Etag = introduced.Etag,
            Reason = "Införandet skedde dagen före.",
        };
        var corrected = (await _steps.Client.CorrectStageAsync(correction, FollowUpSteps.Contact("13"))).FollowUp;
        Assert.Equal(FollowUpSteps.Date(decidedOn), await DecisionDateAsync(id));
        Assert.Equal(10.0, Assert.Single(await NationalLinesAsync(id)).MedianDaysToDecision);

        correction.Stage = FollowUpStage.Decided;
        correction.Date = FollowUpSteps.Date(decidedOn.AddDays(2));
        correction.Etag = corrected.Etag;
        correction.Reason = "Beslutsdatumet var fel.";
        await _steps.Client.CorrectStageAsync(correction, FollowUpSteps.Contact("13"));
        Assert.Equal(FollowUpSteps.Date(decidedOn.AddDays(2)), await DecisionDateAsync(id));
        Assert.Equal(12.0, Assert.Single(await NationalLinesAsync(id)).MedianDaysToDecision);
    }

    [Fact]
    public async Task Confirming_without_a_revision_is_a_failed_precondition()
    {
        var id = await _steps.PublishAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = FollowUpSteps.Name(id, "13") }, FollowUpSteps.Contact("13")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    private async Task<Common.V1.Date> DecisionDateAsync(string id) =>
        (await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator)).Rows.Single(r => r.RegionCode == "13").DecisionDate;

    private async Task<List<RecommendationProgress>> NationalLinesAsync(string id) =>
        [.. (await _steps.Client.GetNationalOverviewAsync(new GetNationalOverviewRequest(), FollowUpSteps.Operator)).Recommendations.Where(r => r.RecommendationId == id)];

    private async Task AssertUnchangedAsync(string id, V1.FollowUp before)
    {
        var after = await _steps.GetAsync(id, before.RegionCode);
        Assert.Equal((before.Etag, before.Stage, before.History.Count), (after.Etag, after.Stage, after.History.Count));
        Assert.Equal(before.History.Count, (await _steps.OutboxAsync<FollowUpReported>(id)).Count(e => e.RegionCode == before.RegionCode));
        await using var db = await _steps.Contexts().CreateDbContextAsync();
        Assert.Equal(before.History.Count, await db.StageReports.CountAsync(s => s.RecommendationId == Guid.Parse(id) && s.RegionCode == before.RegionCode));
    }
}
