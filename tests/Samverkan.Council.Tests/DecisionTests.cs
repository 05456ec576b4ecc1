using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class DecisionTests : CouncilTest
{
    [Fact]
    public async Task A_quorate_decision_is_a_draft_with_a_review_date_two_years_ahead()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, caseId) = await Steps.HeldMeetingWithCaseAsync();
        var participants = new[] { council.Chair }.Concat(council.Ordinary.Take(3)).ToList();

        var decided = await Steps.DecideAsync(meeting, participants);

        var draft = decided.Recommendation;
        Assert.Equal(RecommendationState.Draft, draft.State);
        Assert.Equal(1, draft.Version);
        Assert.Empty(draft.Number);
        Assert.Equal(caseId, draft.CaseId);
        Assert.Equal(["endokrina-sjukdomar"], draft.ProgrammeAreaCodes);
        Assert.Equal(CouncilSteps.ToDate(Steps.Today.AddYears(2)), draft.ReviewDate);
        Assert.Equal(CouncilSteps.Grounds(), draft.Grounds);
        Assert.Equal(draft.Name, decided.Meeting.AgendaItems[0].Recommendation);
        Assert.NotEqual(meeting.Etag, decided.Meeting.Etag);
    }

    [Fact]
    public async Task Without_a_majority_the_decision_is_refused_naming_who_is_missing_and_nothing_is_written()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(meeting, [council.Chair, .. council.Ordinary.Take(2)]));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("QUORUM_NOT_MET", error.ErrorInfo()?.Reason);
        Assert.Contains("3 of 7", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(council.Deputy.DisplayName, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(council.Ordinary[3].DisplayName, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(meeting, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }, CouncilSteps.Secretary)).Meeting);
        Assert.Empty((await Council.ListRecommendationsAsync(new ListRecommendationsRequest(), CouncilSteps.Secretary)).Recommendations);
    }

    [Fact]
    public async Task Without_the_chair_or_deputy_the_decision_is_refused()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var everyoneElse = council.Deciding.Where(m => m.Role is not (MemberRole.Chair or MemberRole.DeputyChair)).ToList();

        var error = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(meeting, everyoneElse));

        Assert.Equal("QUORUM_NOT_MET", error.ErrorInfo()?.Reason);
        Assert.Contains("Neither the chair nor the deputy chair", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(RecommendationState.Draft, (await Steps.DecideAsync(meeting, [council.Deputy, .. everyoneElse.Take(3)])).Recommendation.State);
    }

    [Fact]
    public async Task A_member_with_a_declared_conflict_cannot_take_part_or_count_for_quorum()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var conflicted = council.Ordinary[0];
        var declared = await Steps.DeclareAsync(meeting, conflicted);
        var conflict = Assert.Single(declared.AgendaItems[0].Conflicts);
        Assert.Equal(conflicted.Name, conflict.Member);
        Assert.Equal(conflicted.Subject, conflict.Audit.Actor.Subject);

        var taking = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(declared, council.Deciding));
        Assert.Equal("CONFLICT_OF_INTEREST", taking.ErrorInfo()?.Reason);
        Assert.Contains(conflicted.DisplayName, taking.Status.Detail, StringComparison.Ordinal);

        var others = council.Deciding.Where(m => m.Name != conflicted.Name).ToList();
        var short1 = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(declared, others.Take(3)));
        Assert.Contains($"Excluded for a conflict of interest: {conflicted.DisplayName}", short1.Status.Detail, StringComparison.Ordinal);

        var decided = await Steps.DecideAsync(declared, others);
        var record = (await Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = decided.Recommendation.Name }, CouncilSteps.Secretary)).DecisionRecord;
        Assert.Equal(others.Select(o => o.Name).Order(), record.Participants.Select(p => p.Member).Order());
        Assert.Equal(conflicted.Name, Assert.Single(record.ExcludedForConflict).Member);
        Assert.Equal(meeting.MeetingDate, record.MeetingDate);
        Assert.Equal(CouncilSteps.Grounds(), record.Grounds);
        Assert.Equal("Delägare i tillverkarens dotterbolag.", record.ExcludedForConflict[0].Reason);

        var late = await Assert.ThrowsAsync<RpcException>(() => Steps.DeclareAsync(decided.Meeting, council.Ordinary[1]));
        Assert.Equal("ITEM_DECIDED", late.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task A_member_declares_only_their_own_conflict_once_and_only_while_sitting()
    {
        var council = await Steps.AppointCouncilAsync();
        var meeting = await Steps.AddCaseAsync(await Steps.PlanAsync(), await Steps.ReadyCaseAsync());
        var request = new DeclareConflictRequest { AgendaItem = meeting.AgendaItems[0].Name, Etag = meeting.Etag, Member = council.Ordinary[0].Name, Reason = "Jäv." };

        var other = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(request, CouncilSteps.MemberToken(council.Ordinary[1].Subject)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);

        var bySecretary = (await Council.DeclareConflictAsync(request, CouncilSteps.Secretary)).Meeting;
        request.Etag = bySecretary.Etag;
        var twice = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(request, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("CONFLICT_ALREADY_DECLARED", twice.ErrorInfo()?.Reason);

        request.Member = council.Members.Single(m => m.Role == MemberRole.Secretary).Name;
        var secretary = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(request, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("NOT_A_SITTING_MEMBER", secretary.ErrorInfo()?.Reason);

        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(new DeclareConflictRequest { AgendaItem = meeting.Name, Member = "m/1" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["agenda_item", "etag", "member", "reason"], bad.FieldViolations().Select(v => v.Field).Order());

        var unknownItem = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(new DeclareConflictRequest
        {
            AgendaItem = $"{meeting.Name}/agendaItems/{Guid.NewGuid()}",
            Etag = bySecretary.Etag,
            Member = council.Chair.Name,
            Reason = "Jäv.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownItem.StatusCode);
    }

    [Fact]
    public async Task Participants_must_be_known_sitting_deciding_members()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var secretary = council.Members.Single(m => m.Role == MemberRole.Secretary);

        var notDeciding = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(meeting, [.. council.Deciding, secretary]));
        Assert.Equal("NOT_A_SITTING_MEMBER", notDeciding.ErrorInfo()?.Reason);

        var request = Steps.Decision(meeting, council.Deciding);
        request.Participants.Add($"members/{Guid.NewGuid()}");
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.RecordDecisionAsync(request, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_of_a_decision_is_named()
    {
        var request = new RecordDecisionRequest
        {
            AgendaItem = "meetings/x",
            Participants = { "members/1" },
            Level = RecommendationLevel.National,
            HealthcareRegionCodes = { "gotland" },
            Grounds = new DecisionGrounds
            {
                HumanDignity = new Ground { Text = "Text" },
                NeedAndSolidarity = new Ground { Assessment = GroundAssessment.High },
            },
            Conditions = { " " },
            FollowUpDeadline = CouncilSteps.ToDate(Steps.Today),
            ReviewDate = CouncilSteps.ToDate(Steps.Today),
        };
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.RecordDecisionAsync(request, CouncilSteps.Secretary).ResponseAsync);

        Assert.Equal(
            [
                "agenda_item", "conditions[0]", "etag", "follow_up_deadline",
                "grounds.cost_effectiveness", "grounds.effect", "grounds.evidence_reliability", "grounds.human_dignity.assessment",
                "grounds.need_and_solidarity.text", "grounds.prevalence", "grounds.severity",
                "healthcare_region_codes", "healthcare_region_codes[0]", "outcome", "participants[0]", "review_date", "summary",
            ],
            error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));

        var regional = new RecordDecisionRequest { Level = RecommendationLevel.HealthcareRegional, HealthcareRegionCodes = { "sodra", "sodra" } };
        var regionalError = await Assert.ThrowsAsync<RpcException>(() => Council.RecordDecisionAsync(regional, CouncilSteps.Secretary).ResponseAsync);
        Assert.Contains(regionalError.FieldViolations(), v => v.Field == "healthcare_region_codes[1]");
        Assert.Contains(regionalError.FieldViolations(), v => v.Field == "grounds");
        Assert.Contains(regionalError.FieldViolations(), v => v.Field == "participants");
    }

    [Fact]
    public async Task A_decision_with_a_review_date_in_the_past_writes_nothing()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var request = Steps.Decision(meeting, council.Deciding);
        request.ReviewDate = CouncilSteps.ToDate(Steps.Today.AddDays(-1));

        var error = await Assert.ThrowsAsync<RpcException>(() => Council.RecordDecisionAsync(request, CouncilSteps.Secretary).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("review_date", Assert.Single(error.FieldViolations()).Field);
        Assert.Equal(meeting, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }, CouncilSteps.Secretary)).Meeting);
        Assert.Empty((await Council.ListRecommendationsAsync(new ListRecommendationsRequest(), CouncilSteps.Secretary)).Recommendations);
        var trail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.DoesNotContain(trail, a => a.Action == "meeting.decided");
    }

    [Fact]
    public async Task A_healthcare_regional_decision_names_its_regions_and_keeps_a_given_review_date()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var request = Steps.Decision(meeting, council.Deciding);
        request.Level = RecommendationLevel.HealthcareRegional;
        request.HealthcareRegionCodes.Add(["sodra", "vastra"]);
        request.Outcome = RecommendationOutcome.Await;
        request.ReviewDate = CouncilSteps.ToDate(Steps.Today.AddMonths(9));

        var draft = (await Council.RecordDecisionAsync(request, CouncilSteps.Secretary)).Recommendation;
        Assert.Equal(["sodra", "vastra"], draft.HealthcareRegionCodes);
        Assert.Equal(request.ReviewDate, draft.ReviewDate);
        Assert.Equal(RecommendationOutcome.Await, draft.Outcome);
    }

    [Fact]
    public async Task Decisions_are_taken_at_a_held_meeting_on_a_case_item_once()
    {
        var council = await Steps.AppointCouncilAsync();
        var caseId = await Steps.ReadyCaseAsync();
        var planned = await Steps.AddCaseAsync(await Steps.PlanAsync(), caseId);
        var withOther = (await Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = planned.Name, Etag = planned.Etag, Title = "Övrigt" }, CouncilSteps.Secretary)).Meeting;

        var notHeld = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(withOther, council.Deciding));
        Assert.Equal("ILLEGAL_TRANSITION", notHeld.ErrorInfo()?.Reason);

        var held = await Steps.HoldAsync(await Steps.PublishAgendaAsync(withOther));
        var other = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(held, council.Deciding, item: 1));
        Assert.Equal("NOT_A_CASE_ITEM", other.ErrorInfo()?.Reason);

        var decided = await Steps.DecideAsync(held, council.Deciding);
        var again = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(decided.Meeting, council.Deciding));
        Assert.Equal("ITEM_DECIDED", again.ErrorInfo()?.Reason);
    }

    [Theory]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.PreparationGroup)]
    public async Task Only_the_secretary_records_decisions(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.RecordDecisionAsync(new RecordDecisionRequest(), TestTokens.As(role)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
