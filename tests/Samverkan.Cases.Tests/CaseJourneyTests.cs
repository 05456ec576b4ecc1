using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

public sealed class CaseJourneyTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task A_case_goes_from_horizon_scanning_to_ready_for_council_and_publishes_each_step()
    {
        var registered = await Steps.RegisterAsync("Journey pump");
        var nominated = await Steps.NominateAsync(registered);
        Assert.Equal(CaseState.Nominated, nominated.State);
        var prioritised = await Steps.PrioritiseAsync(nominated);
        Assert.Equal(CaseState.Nominated, prioritised.State);
        Assert.Equal(120_000_000, prioritised.Prioritisation.EstimatedTotalCost.Units);
        var accepted = await Steps.AcceptAsync(prioritised);
        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Equal(RecommendationOutcome.Await, accepted.Decision.InterimAdvice);
        var ordered = await Steps.OrderAssessmentAsync(accepted);
        Assert.Equal(CaseState.InAssessment, ordered.State);
        var delivered = await Steps.DeliverAsync(ordered);
        Assert.Equal("TLV 1234/2026", Assert.Single(delivered.Assessments).ReportReference);
        var ready = await Steps.MarkReadyAsync(delivered);
        Assert.Equal(CaseState.ReadyForCouncil, ready.State);
        Assert.Equal("7", ready.Etag);

        await using var db = await Db();
        var events = await db.Outbox.Where(m => m.Data.Contains(ready.CaseId)).OrderBy(m => m.Sequence).Select(m => m.Type).ToListAsync();
        Assert.Equal(
            [
                CaseOpened.Descriptor.FullName,
                CaseStatusChanged.Descriptor.FullName, // nominated
                CaseStatusChanged.Descriptor.FullName, // accepted
                CaseStatusChanged.Descriptor.FullName, // in assessment
                CaseReadyForCouncil.Descriptor.FullName,
                CaseStatusChanged.Descriptor.FullName, // ready for council
            ],
            events);
        var readyEvent = CaseReadyForCouncil.Parser.ParseJson(await db.Outbox.Where(m => m.Type == CaseReadyForCouncil.Descriptor.FullName && m.Data.Contains(ready.CaseId)).Select(m => m.Data).SingleAsync());
        Assert.Equal("TLV TLV 1234/2026: Kostnadseffektiv vid HbA1c över 70.", Assert.Single(readyEvent.AssessmentSummaries));
        Assert.Equal("anna.berg", readyEvent.Audit.Actor.Subject);
    }

    [Fact]
    public async Task The_council_s_recommendation_makes_the_case_recommended_and_its_review_date_puts_it_under_review()
    {
        var ready = await Steps.ReadyForCouncilAsync("Recommended pump");
        var recommendationId = Guid.NewGuid().ToString();

        await factory.DeliverAsync(new RecommendationPublished { Recommendation = Events.Recommendation(ready, recommendationId), Audit = Events.Secretary });
        var recommended = await Steps.GetAsync(ready);
        Assert.Equal(CaseState.Recommended, recommended.State);
        Assert.Equal("MTP-2026-007", recommended.Recommendation.Number);
        Assert.Equal(RecommendationOutcome.CanUse, recommended.Recommendation.Outcome);

        await factory.DeliverAsync(new RecommendationRevised { Recommendation = Events.Recommendation(ready, recommendationId, version: 2), PreviousVersion = 1, ChangeSummary = "Ny evidens.", Audit = Events.Secretary });
        var revised = await Steps.GetAsync(ready);
        Assert.Equal(2, revised.Recommendation.Version);
        Assert.Equal(RecommendationOutcome.ShouldUse, revised.Recommendation.Outcome);
        Assert.Equal(CaseState.Recommended, revised.State);

        await factory.DeliverAsync(new RecommendationReviewDue { Recommendation = Events.Recommendation(ready, recommendationId, version: 2) });
        Assert.Equal(CaseState.UnderReview, (await Steps.GetAsync(ready)).State);

        var timeline = (await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = ready.Name }, TestTokens.As(Roles.Public))).Entries;
        Assert.Equal(["recommendation-published", "recommendation-revised", "review-due"], timeline.TakeLast(3).Select(e => e.Action));
        Assert.Equal("Ny evidens.", timeline[^2].Audit.Reason);
        Assert.Equal("sekreterare", timeline[^2].Audit.Actor.Subject);
    }

    [Fact]
    public async Task A_case_under_review_is_assessed_again_goes_back_to_the_council_and_follows_the_revision()
    {
        var ready = await Steps.ReadyForCouncilAsync("Revisionspump");
        var recommendationId = Guid.NewGuid().ToString();
        await factory.DeliverAsync(new RecommendationPublished { Recommendation = Events.Recommendation(ready, recommendationId), Audit = Events.Secretary });
        await factory.DeliverAsync(new RecommendationReviewDue { Recommendation = Events.Recommendation(ready, recommendationId) });
        var underReview = await Steps.GetAsync(ready);
        Assert.Equal(CaseState.UnderReview, underReview.State);

        var reassessed = await Steps.OrderAssessmentAsync(underReview);
        Assert.Equal(CaseState.InAssessment, reassessed.State);
        var readyAgain = await Steps.MarkReadyAsync(await Steps.DeliverAsync(reassessed));
        Assert.Equal(CaseState.ReadyForCouncil, readyAgain.State);
        await factory.DeliverAsync(new RecommendationRevised { Recommendation = Events.Recommendation(ready, recommendationId, version: 2), PreviousVersion = 1, ChangeSummary = "Ny evidens.", Audit = Events.Secretary });

        var revised = await Steps.GetAsync(ready);
        Assert.Equal((CaseState.Recommended, 2), (revised.State, revised.Recommendation.Version));
        Assert.Equal(2, revised.Assessments.Count);
        await using var db = await Db();
        var readyEvents = await db.Outbox.Where(m => m.Type == CaseReadyForCouncil.Descriptor.FullName && m.Data.Contains(ready.CaseId)).Select(m => m.Data).ToListAsync();
        Assert.Equal(2, readyEvents.Count);
        // The council sees every assessment again, the new one included.
        Assert.Equal(2, readyEvents.Select(CaseReadyForCouncil.Parser.ParseJson).Max(e => e.AssessmentSummaries.Count));
    }

    [Fact]
    public async Task A_redelivered_or_older_recommendation_changes_nothing()
    {
        var ready = await Steps.ReadyForCouncilAsync("Redelivered pump");
        var recommendationId = Guid.NewGuid().ToString();
        var published = new RecommendationPublished { Recommendation = Events.Recommendation(ready, recommendationId), Audit = Events.Secretary };
        var id = await factory.DeliverAsync(published);
        var once = await Steps.GetAsync(ready);

        await factory.DeliverAsync(published, id);
        await factory.DeliverAsync(published);
        Assert.Equal(once, await Steps.GetAsync(ready));
    }

    [Fact]
    public async Task Procurement_and_follow_up_reports_appear_on_the_case_once_each()
    {
        var ready = await Steps.ReadyForCouncilAsync("Reported pump");
        var procurementId = Guid.NewGuid().ToString();
        var dps = new ProcurementStatusChanged
        {
            Change = ProcurementChange.DpsPublished,
            ProcurementId = procurementId,
            Title = "DIS Insulinpumpar",
            CaseIds = { ready.CaseId },
            Summary = "Dynamiskt inköpssystem publicerat.",
            Audit = Events.Secretary,
        };
        var dpsId = await factory.DeliverAsync(dps);
        await factory.DeliverAsync(dps, dpsId);
        await factory.DeliverAsync(new FollowUpReported
        {
            RecommendationId = Guid.NewGuid().ToString(),
            CaseId = ready.CaseId,
            RegionCode = "13",
            Stage = FollowUpStage.Decided,
            Decision = RegionalDecision.Follows,
            Audit = Events.Secretary,
        });
        await factory.DeliverAsync(new FollowUpOverdue { CaseId = ready.CaseId, RegionCode = "01", Stage = FollowUpStage.CommentRound });

        var read = await Steps.GetAsync(ready);
        var activity = Assert.Single(read.ProcurementActivities);
        Assert.Equal(("DIS Insulinpumpar", "PROCUREMENT_CHANGE_DPS_PUBLISHED"), (activity.Title, activity.LatestChange));
        Assert.Equal(["01", "13"], read.RegionFollowUps.Select(r => r.RegionCode));
        Assert.True(read.RegionFollowUps[0].Overdue);
        Assert.Equal(RegionalDecision.Follows, read.RegionFollowUps[1].Decision);
        Assert.Equal(int.Parse(ready.Etag, System.Globalization.CultureInfo.InvariantCulture) + 3, int.Parse(read.Etag, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Events_about_products_this_service_does_not_know_are_ignored()
    {
        var unknown = new Case { CaseId = Guid.NewGuid().ToString(), Product = new V1.Product { DisplayName = "Okänd" } };
        await factory.DeliverAsync(new RecommendationPublished { Recommendation = Events.Recommendation(unknown, Guid.NewGuid().ToString()) });
        await factory.DeliverAsync(new ProcurementStatusChanged { ProcurementId = "x", CaseIds = { "not-a-case", unknown.CaseId } });

        await using var db = await Db();
        Assert.False(await db.Cases.AnyAsync(c => c.CaseId == Guid.Parse(unknown.CaseId)));
    }

    [Fact]
    public async Task The_timeline_says_who_from_which_organisation_did_what_when_and_why()
    {
        var ready = await Steps.ReadyForCouncilAsync("Timeline pump");
        var page = await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = ready.Name, PageSize = 5 }, TestTokens.As(Roles.Public));
        var rest = await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = ready.Name, PageToken = page.NextPageToken }, TestTokens.As(Roles.Public));

        var entries = page.Entries.Concat(rest.Entries).ToList();
        Assert.Equal(["registered", "nominated", "prioritised", "accepted", "assessment-ordered", "assessment-delivered", "ready-for-council"], entries.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries.Select(e => e.Etag));
        Assert.All(entries, e => Assert.Equal(("anna.berg", "Testregionen"), (e.Audit.Actor.Subject, e.Audit.Actor.Organisation)));
        Assert.Equal("Stor patientnytta för barn med typ 1-diabetes.", entries[1].Audit.Reason);
        Assert.Empty(rest.NextPageToken);
    }

    [Fact]
    public async Task Every_state_change_publishes_CaseStatusChanged_with_the_state_before_and_after_through_the_outbox()
    {
        var ready = await Steps.ReadyForCouncilAsync("Statuspump");
        var recommendationId = Guid.NewGuid().ToString();
        await factory.DeliverAsync(new RecommendationPublished { Recommendation = Events.Recommendation(ready, recommendationId), Audit = Events.Secretary });
        await factory.DeliverAsync(new RecommendationRevised { Recommendation = Events.Recommendation(ready, recommendationId, version: 2), PreviousVersion = 1, ChangeSummary = "Ny evidens.", Audit = Events.Secretary });
        await factory.DeliverAsync(new RecommendationReviewDue { Recommendation = Events.Recommendation(ready, recommendationId, version: 2) });
        var underReview = await Steps.GetAsync(ready);
        var closed = (await _cases.CloseCaseAsync(new CloseCaseRequest { Name = ready.Name, Etag = underReview.Etag, Grounds = "Ersatt av nästa generation." }, CaseSteps.PreparationGroup)).Case;
        var declined = await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync("Avböjd pump")));
        declined = (await _cases.DeclineCaseAsync(new DeclineCaseRequest { Name = declined.Name, Etag = declined.Etag, Grounds = "Hanteras regionalt." }, CaseSteps.PreparationGroup)).Case;

        var moves = await StatusChangesAsync(closed.CaseId);
        Assert.Equal(
            [
                (CaseState.Registered, CaseState.Nominated), (CaseState.Nominated, CaseState.Accepted), (CaseState.Accepted, CaseState.InAssessment),
                (CaseState.InAssessment, CaseState.ReadyForCouncil), (CaseState.ReadyForCouncil, CaseState.Recommended),
                (CaseState.Recommended, CaseState.UnderReview), (CaseState.UnderReview, CaseState.Closed),
            ],
            moves.Select(e => (e.PreviousState, e.State)));
        Assert.Equal(("sekreterare", "MTP-rådet"), (moves[4].Audit.Actor.Subject, moves[4].Audit.Actor.Organisation));
        Assert.Equal(("anna.berg", "Ersatt av nästa generation."), (moves[^1].Audit.Actor.Subject, moves[^1].Audit.Reason));
        var decline = (await StatusChangesAsync(declined.CaseId))[^1];
        Assert.Equal((CaseState.Nominated, CaseState.Declined, "Hanteras regionalt."), (decline.PreviousState, decline.State, decline.Audit.Reason));
    }

    [Fact]
    public async Task The_timeline_only_grows_and_each_entry_keeps_its_time()
    {
        var registeredAt = factory.Clock.GetUtcNow();
        var nominated = await Steps.NominateAsync(await Steps.RegisterAsync("Oföränderlig pump"));
        var before = (await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = nominated.Name }, CaseSteps.PreparationGroup)).Entries;

        factory.Clock.Advance(TimeSpan.FromHours(3));
        var prioritised = await Steps.PrioritiseAsync(nominated);
        await _cases.CloseCaseAsync(new CloseCaseRequest { Name = prioritised.Name, Etag = prioritised.Etag, Grounds = "Dras tillbaka." }, CaseSteps.PreparationGroup);
        var after = (await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = nominated.Name }, CaseSteps.PreparationGroup)).Entries;

        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(["prioritised", "closed"], after.Skip(before.Count).Select(e => e.Action));
        Assert.Equal(Timestamp.FromDateTimeOffset(registeredAt), after[0].Audit.Time);
        Assert.Equal(Timestamp.FromDateTimeOffset(registeredAt.AddHours(3)), after[^1].Audit.Time);
        Assert.Equal(CaseState.Closed, after[^1].State);
    }

    [Fact]
    public async Task Accepting_with_other_advice_than_avvakta_keeps_that_advice()
    {
        var prioritised = await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync("Rådpump")));

        var accepted = (await _cases.AcceptCaseAsync(new AcceptCaseRequest
        {
            Name = prioritised.Name,
            Etag = prioritised.Etag,
            InterimAdvice = RecommendationOutcome.CanUse,
            Grounds = "Redan i bruk i flera regioner.",
        }, CaseSteps.PreparationGroup)).Case;

        Assert.Equal((true, RecommendationOutcome.CanUse, "Redan i bruk i flera regioner."), (accepted.Decision.Accepted, accepted.Decision.InterimAdvice, accepted.Decision.Grounds));
        Assert.Equal("anna.berg", accepted.Decision.Audit.Actor.Subject);
    }

    private async Task<List<CaseStatusChanged>> StatusChangesAsync(string caseId)
    {
        await using var db = await Db();
        var data = await db.Outbox.Where(m => m.Type == CaseStatusChanged.Descriptor.FullName && m.Data.Contains(caseId)).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync();
        return [.. data.Select(CaseStatusChanged.Parser.ParseJson)];
    }

    private async Task<CasesDbContext> Db() =>
        await factory.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
}
