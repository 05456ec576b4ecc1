using Grpc.Core;
using Samverkan.Council.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class MeetingTests : CouncilTest
{
    [Fact]
    public async Task A_meeting_goes_planned_agenda_published_held_minutes_approved()
    {
        var council = await Steps.AppointCouncilAsync();
        var caseId = await Steps.ReadyCaseAsync();
        var planned = await Steps.PlanAsync();
        Assert.Equal(MeetingState.Planned, planned.State);

        var withCase = await Steps.AddCaseAsync(planned, caseId);
        var withOther = (await Council.AddAgendaItemAsync(new AddAgendaItemRequest
        {
            Meeting = withCase.Name,
            Etag = withCase.Etag,
            Title = "Rapport från beredningsgruppen",
        }, CouncilSteps.Secretary)).Meeting;
        Assert.Equal(["Insulinpump Omnia", "Rapport från beredningsgruppen"], withOther.AgendaItems.Select(i => i.Title));
        Assert.Equal([1, 2], withOther.AgendaItems.Select(i => i.Position));
        Assert.Contains("TLV 1234/2026", withOther.AgendaItems[0].Description, StringComparison.Ordinal);
        Assert.Empty((await Council.ListReadyCasesAsync(new ListReadyCasesRequest(), CouncilSteps.Secretary)).ReadyCases);

        var published = await Steps.PublishAgendaAsync(withOther);
        Assert.Equal(MeetingState.AgendaPublished, published.State);
        var held = await Steps.HoldAsync(published);
        Assert.Equal(MeetingState.Held, held.State);

        var approved = (await Council.ApproveMinutesAsync(new ApproveMinutesRequest
        {
            Name = held.Name,
            Etag = held.Etag,
            Minutes = "§1 Insulinpump Omnia bordlades.",
            ApprovedBy = { council.Chair.Name, council.Ordinary[0].Name },
        }, CouncilSteps.Secretary)).Meeting;
        Assert.Equal(MeetingState.MinutesApproved, approved.State);
        Assert.Equal([council.Chair.Name, council.Ordinary[0].Name], approved.MinutesApprovedBy);

        var read = (await Council.GetMeetingAsync(new GetMeetingRequest { Name = held.Name }, TestTokens.As(Roles.Operator))).Meeting;
        Assert.Equal(approved, read);
        Assert.Equal(approved, Assert.Single((await Council.ListMeetingsAsync(new ListMeetingsRequest(), CouncilSteps.Secretary)).Meetings));
    }

    [Fact]
    public async Task Illegal_moves_are_refused_and_change_nothing()
    {
        var caseId = await Steps.ReadyCaseAsync();
        var planned = await Steps.AddCaseAsync(await Steps.PlanAsync(), caseId);

        await AssertIllegal(Council.HoldMeetingAsync(new HoldMeetingRequest { Name = planned.Name, Etag = planned.Etag }, CouncilSteps.Secretary).ResponseAsync);
        await AssertIllegal(Council.ApproveMinutesAsync(new ApproveMinutesRequest { Name = planned.Name, Etag = planned.Etag, Minutes = "x", ApprovedBy = { $"members/{Guid.NewGuid()}" } }, CouncilSteps.Secretary).ResponseAsync);
        var published = await Steps.PublishAgendaAsync(planned);
        await AssertIllegal(Council.PublishAgendaAsync(new PublishAgendaRequest { Name = published.Name, Etag = published.Etag }, CouncilSteps.Secretary).ResponseAsync);
        await AssertIllegal(Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = published.Name, Etag = published.Etag, Title = "Sent" }, CouncilSteps.Secretary).ResponseAsync);

        Assert.Equal(published, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = published.Name }, CouncilSteps.Secretary)).Meeting);
    }

    [Fact]
    public async Task An_empty_agenda_is_not_published_and_a_meeting_is_not_held_before_its_date()
    {
        var empty = await Steps.PlanAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => Steps.PublishAgendaAsync(empty));
        Assert.Equal("AGENDA_EMPTY", error.ErrorInfo()?.Reason);

        var later = await Steps.AddCaseAsync(await Steps.PlanAsync(inDays: 7), await Steps.ReadyCaseAsync());
        var published = await Steps.PublishAgendaAsync(later);
        var early = await Assert.ThrowsAsync<RpcException>(() => Steps.HoldAsync(published));
        Assert.Equal("MEETING_DATE_NOT_REACHED", early.ErrorInfo()?.Reason);

        Factory.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(MeetingState.Held, (await Steps.HoldAsync(published)).State);
    }

    [Fact]
    public async Task A_stale_etag_is_refused()
    {
        var planned = await Steps.PlanAsync();
        await Steps.AddCaseAsync(planned, await Steps.ReadyCaseAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() => Steps.AddCaseAsync(planned, Guid.NewGuid().ToString()));
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task Every_change_to_a_meeting_from_an_old_read_is_aborted_and_changes_nothing()
    {
        var council = await Steps.AppointCouncilAsync();
        var planned = await Steps.PlanAsync();
        var withCase = await Steps.AddCaseAsync(planned, await Steps.ReadyCaseAsync());
        await AssertStale(withCase, Council.PublishAgendaAsync(new PublishAgendaRequest { Name = withCase.Name, Etag = planned.Etag }, CouncilSteps.Secretary).ResponseAsync);
        await AssertStale(withCase, Council.DeclareConflictAsync(new DeclareConflictRequest
        {
            AgendaItem = withCase.AgendaItems[0].Name,
            Etag = planned.Etag,
            Member = council.Chair.Name,
            Reason = "Jäv.",
        }, CouncilSteps.Secretary).ResponseAsync);

        var published = await Steps.PublishAgendaAsync(withCase);
        await AssertStale(published, Council.HoldMeetingAsync(new HoldMeetingRequest { Name = published.Name, Etag = withCase.Etag }, CouncilSteps.Secretary).ResponseAsync);

        var held = await Steps.HoldAsync(published);
        var decision = Steps.Decision(held, council.Deciding);
        decision.Etag = published.Etag;
        await AssertStale(held, Council.RecordDecisionAsync(decision, CouncilSteps.Secretary).ResponseAsync);
        await AssertStale(held, Council.ApproveMinutesAsync(new ApproveMinutesRequest
        {
            Name = held.Name,
            Etag = published.Etag,
            Minutes = "Protokoll.",
            ApprovedBy = { council.Chair.Name },
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Empty((await Council.ListRecommendationsAsync(new ListRecommendationsRequest(), CouncilSteps.Secretary)).Recommendations);
    }

    [Fact]
    public async Task A_meeting_with_approved_minutes_is_closed()
    {
        var council = await Steps.AppointCouncilAsync();
        var (held, _) = await Steps.HeldMeetingWithCaseAsync();
        var closed = (await Council.ApproveMinutesAsync(new ApproveMinutesRequest
        {
            Name = held.Name,
            Etag = held.Etag,
            Minutes = "Protokoll.",
            ApprovedBy = { council.Chair.Name },
        }, CouncilSteps.Secretary)).Meeting;

        await AssertIllegal(Council.ApproveMinutesAsync(new ApproveMinutesRequest { Name = closed.Name, Etag = closed.Etag, Minutes = "Igen.", ApprovedBy = { council.Chair.Name } }, CouncilSteps.Secretary).ResponseAsync);
        await AssertIllegal(Steps.HoldAsync(closed));
        await AssertIllegal(Steps.DeclareAsync(closed, council.Ordinary[0]));
        await AssertIllegal(Steps.DecideAsync(closed, council.Deciding));
        await AssertIllegal(Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = closed.Name, Etag = closed.Etag, Title = "Sent" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(closed, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = closed.Name }, CouncilSteps.Secretary)).Meeting);
    }

    [Fact]
    public async Task Publishing_an_agenda_holding_and_checking_readiness_refuse_bad_names_and_unknown_meetings()
    {
        var agenda = await Assert.ThrowsAsync<RpcException>(() => Council.PublishAgendaAsync(new PublishAgendaRequest { Name = "meetings/x", Etag = "x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["etag", "name"], agenda.FieldViolations().Select(v => v.Field).Order());
        var hold = await Assert.ThrowsAsync<RpcException>(() => Council.HoldMeetingAsync(new HoldMeetingRequest(), CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["etag", "name"], hold.FieldViolations().Select(v => v.Field).Order());
        var readiness = await Assert.ThrowsAsync<RpcException>(() => Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = "meetings/" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("name", Assert.Single(readiness.FieldViolations()).Field);

        var unknown = $"meetings/{Guid.NewGuid()}";
        foreach (var call in new Func<Task>[]
        {
            () => Council.PublishAgendaAsync(new PublishAgendaRequest { Name = unknown, Etag = "1" }, CouncilSteps.Secretary).ResponseAsync,
            () => Council.HoldMeetingAsync(new HoldMeetingRequest { Name = unknown, Etag = "1" }, CouncilSteps.Secretary).ResponseAsync,
            () => Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = unknown }, CouncilSteps.Secretary).ResponseAsync,
        })
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        }

        Assert.Empty((await Council.ListMeetingsAsync(new ListMeetingsRequest(), CouncilSteps.Secretary)).Meetings);
    }

    [Fact]
    public async Task Only_ready_cases_go_on_an_agenda_and_each_only_once()
    {
        var planned = await Steps.PlanAsync();
        var notReady = await Assert.ThrowsAsync<RpcException>(() => Steps.AddCaseAsync(planned, Guid.NewGuid().ToString()));
        Assert.Equal("CASE_NOT_READY", notReady.ErrorInfo()?.Reason);

        var caseId = await Steps.ReadyCaseAsync();
        var withCase = await Steps.AddCaseAsync(planned, caseId);
        var twice = await Assert.ThrowsAsync<RpcException>(() => Steps.AddCaseAsync(withCase, caseId));
        Assert.Equal("CASE_ALREADY_ON_AGENDA", twice.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task A_ready_case_delivered_twice_waits_once()
    {
        var ready = new CaseReadyForCouncil { CaseId = Guid.NewGuid().ToString(), ProductDisplayName = "Sensor", Manufacturer = "Acme" };
        await Factory.DeliverAsync(ready, "event-1");
        await Factory.DeliverAsync(ready, "event-1");
        await Factory.DeliverAsync(new CaseReadyForCouncil { CaseId = "not-a-case" });

        var waiting = (await Council.ListReadyCasesAsync(new ListReadyCasesRequest(), CouncilSteps.Secretary)).ReadyCases;
        Assert.Equal(ready.CaseId, Assert.Single(waiting).CaseId);
    }

    [Fact]
    public async Task The_readiness_check_warns_about_missing_healthcare_regions_and_seats()
    {
        await Steps.AppointCouncilAsync("vastra", "norra");
        var meeting = await Steps.PlanAsync();

        var readiness = await Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = meeting.Name }, CouncilSteps.Secretary);
        var regions = Assert.Single(readiness.Warnings, w => w.Code == "HEALTHCARE_REGIONS_MISSING");
        Assert.Equal(["norra", "vastra"], regions.HealthcareRegionCodes.Order());
        Assert.Contains(readiness.Warnings, w => w.Code == "NO_CHAIR");
        Assert.Equal(6, readiness.SittingMembers.Count);
    }

    [Fact]
    public async Task The_readiness_check_counts_only_mandates_covering_the_meeting_date()
    {
        var council = await Steps.AppointCouncilAsync();
        var vastra = council.Members.Single(m => m.HealthcareRegionCode == "vastra");
        await Council.EndMandateAsync(new EndMandateRequest { Name = vastra.Name, Etag = vastra.Etag, TermEnd = CouncilSteps.ToDate(Steps.Today), Reason = "Avgår." }, CouncilSteps.Secretary);
        await Steps.AppointAsync("Ny ledamot Västra", MemberRole.Member, "vastra", fromDays: 30);
        var meeting = await Steps.PlanAsync(inDays: 7);

        var readiness = await Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = meeting.Name }, CouncilSteps.Secretary);
        Assert.Equal(["vastra"], Assert.Single(readiness.Warnings).HealthcareRegionCodes);
        Assert.DoesNotContain(readiness.SittingMembers, m => m.HealthcareRegionCode == "vastra");
    }

    [Fact]
    public async Task A_complete_council_is_ready()
    {
        await Steps.AppointCouncilAsync();
        var meeting = await Steps.PlanAsync();
        var readiness = await Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = meeting.Name }, CouncilSteps.Secretary);
        Assert.Empty(readiness.Warnings);
    }

    [Fact]
    public async Task Planning_is_idempotent_and_refuses_bad_input()
    {
        var request = new PlanMeetingRequest { RequestId = Guid.NewGuid().ToString(), MeetingDate = CouncilSteps.ToDate(Steps.Today), Location = "Stockholm" };
        var first = (await Council.PlanMeetingAsync(request, CouncilSteps.Secretary)).Meeting;
        Assert.Equal(first, (await Council.PlanMeetingAsync(request, CouncilSteps.Secretary)).Meeting);

        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.PlanMeetingAsync(new PlanMeetingRequest
        {
            RequestId = "x",
            MeetingDate = CouncilSteps.ToDate(Steps.Today.AddDays(-1)),
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["location", "meeting_date", "request_id"], bad.FieldViolations().Select(v => v.Field).Order());
        Assert.Equal(first, Assert.Single((await Council.ListMeetingsAsync(new ListMeetingsRequest(), CouncilSteps.Secretary)).Meetings));
    }

    [Fact]
    public async Task Agenda_items_refuse_bad_input()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.AddAgendaItemAsync(new AddAgendaItemRequest
        {
            Meeting = "meetings/1",
            CaseId = "x",
            Title = "Both",
            Description = new string('a', 4001),
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["case_id", "description", "etag", "meeting", "title"], bad.FieldViolations().Select(v => v.Field).Order());

        var neither = await Assert.ThrowsAsync<RpcException>(() => Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = $"meetings/{Guid.NewGuid()}", Etag = "1" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("title", Assert.Single(neither.FieldViolations()).Field);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = $"meetings/{Guid.NewGuid()}", Etag = "1", Title = "T" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Meeting_reads_refuse_bad_names_and_tokens_and_the_public()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.GetMeetingAsync(new GetMeetingRequest { Name = "meeting/1" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("name", Assert.Single(bad.FieldViolations()).Field);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.GetMeetingAsync(new GetMeetingRequest { Name = $"meetings/{Guid.NewGuid()}" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var token = await Assert.ThrowsAsync<RpcException>(() => Council.ListMeetingsAsync(new ListMeetingsRequest { PageToken = "@@", PageSize = -1 }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["page_size", "page_token"], token.FieldViolations().Select(v => v.Field).Order());
        var denied = await Assert.ThrowsAsync<RpcException>(() => Council.ListMeetingsAsync(new ListMeetingsRequest(), TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Meetings_page_by_date_latest_first()
    {
        var early = await Steps.PlanAsync(inDays: 1);
        var late = await Steps.PlanAsync(inDays: 9);
        var first = await Council.ListMeetingsAsync(new ListMeetingsRequest { PageSize = 1 }, CouncilSteps.Secretary);
        var second = await Council.ListMeetingsAsync(new ListMeetingsRequest { PageSize = 1, PageToken = first.NextPageToken }, CouncilSteps.Secretary);

        Assert.Equal(late.Name, Assert.Single(first.Meetings).Name);
        Assert.Equal(early.Name, Assert.Single(second.Meetings).Name);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task Minutes_are_approved_by_sitting_members_the_chair_or_deputy_among_them()
    {
        var council = await Steps.AppointCouncilAsync();
        var (held, _) = await Steps.HeldMeetingWithCaseAsync();
        var request = new ApproveMinutesRequest { Name = held.Name, Etag = held.Etag, Minutes = "Protokoll.", ApprovedBy = { council.Ordinary[0].Name } };
        var noChair = await Assert.ThrowsAsync<RpcException>(() => Council.ApproveMinutesAsync(request, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("MINUTES_NEED_CHAIR", noChair.ErrorInfo()?.Reason);

        request.ApprovedBy.Add(council.Members.Single(m => m.Role == MemberRole.Secretary).Name);
        request.ApprovedBy.Add(council.Deputy.Name);
        var secretary = await Assert.ThrowsAsync<RpcException>(() => Council.ApproveMinutesAsync(request, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("NOT_A_SITTING_MEMBER", secretary.ErrorInfo()?.Reason);

        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.ApproveMinutesAsync(new ApproveMinutesRequest
        {
            Name = held.Name,
            Etag = held.Etag,
            ApprovedBy = { council.Chair.Name, council.Chair.Name, "x" },
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["approved_by[1]", "approved_by[2]", "minutes"], bad.FieldViolations().Select(v => v.Field).Order());

        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.ApproveMinutesAsync(new ApproveMinutesRequest
        {
            Name = held.Name,
            Etag = held.Etag,
            Minutes = "P",
            ApprovedBy = { $"members/{Guid.NewGuid()}" },
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(held, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = held.Name }, CouncilSteps.Secretary)).Meeting);
    }

    [Theory]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.Operator)]
    public async Task Only_the_secretary_runs_meetings(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.PlanMeetingAsync(new PlanMeetingRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            MeetingDate = CouncilSteps.ToDate(Steps.Today),
            Location = "Stockholm",
        }, TestTokens.As(role)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private async Task AssertStale(Meeting current, Task call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(current, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = current.Name }, CouncilSteps.Secretary)).Meeting);
    }

    private static async Task AssertIllegal(Task call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ILLEGAL_TRANSITION", error.ErrorInfo()?.Reason);
    }
}
