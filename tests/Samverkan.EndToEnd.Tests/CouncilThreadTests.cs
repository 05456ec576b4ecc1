using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.FollowUp.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// The council's thread through the real standalone host: a case made ready in Cases reaches the council's agenda, a
/// member declares a conflict, the council decides "kan användas" with grounds, the secretary publishes, and Cases, the
/// Notifications feed and FollowUp (a follow-up per region) receive RecommendationPublished.
/// </summary>
public sealed class CouncilThreadTests : IAsyncLifetime
{
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-council-");
    private StandaloneProcess _host = null!;

    public async Task InitializeAsync() => _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_ready_case_is_decided_with_a_conflict_declared_published_and_reaches_Cases_and_the_feed()
    {
        var journey = new CouncilJourney(_host);
        var cases = new JourneySteps(_host);
        var members = await journey.AppointCouncilAsync();
        var ready = await cases.ReadyCaseAsync("Glukosmätare Kid");
        Assert.Equal(CaseState.ReadyForCouncil, ready.State);

        var agenda = await journey.AgendaWithAsync(ready);
        Assert.Equal("Glukosmätare Kid", agenda.AgendaItems[0].Title);
        var conflicted = members.Single(m => m.Subject == "karin.ost");
        var declared = await journey.DeclareConflictAsync(agenda, conflicted);
        var held = await journey.HoldAsync(declared);

        var taking = members.Where(m => m.Role != MemberRole.Secretary && m.Name != conflicted.Name).ToList();
        var decided = await journey.Council.RecordDecisionAsync(CouncilJourney.CanUse(held, taking), CouncilJourney.Secretary);
        Assert.Equal(RecommendationOutcome.CanUse, decided.Recommendation.Outcome);

        var published = (await journey.Council.PublishRecommendationAsync(new PublishRecommendationRequest
        {
            Name = decided.Recommendation.Name,
            Etag = decided.Recommendation.Etag,
            Reason = "Beslutat vid rådets möte.",
        }, CouncilJourney.Secretary)).Recommendation;
        Assert.Matches(@"^MTP-\d{4}-001$", published.Number);

        var record = (await journey.Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = published.Name }, TestTokens.As(Roles.Public))).DecisionRecord;
        Assert.Equal(taking.Select(t => t.Name).Order(), record.Participants.Select(p => p.Member).Order());
        Assert.Equal(conflicted.Name, Assert.Single(record.ExcludedForConflict).Member);

        var inCases = await Eventually.Until(
            async () => (await cases.Cases.GetCaseAsync(new GetCaseRequest { Name = ready.Name }, TestTokens.As(Roles.Operator))).Case,
            c => c.Recommendation is not null,
            what: "the recommendation in Cases");
        Assert.Equal(published.Number, inCases.Recommendation.Number);
        Assert.Equal(RecommendationOutcome.CanUse, inCases.Recommendation.Outcome);
        Assert.Equal(CaseState.Recommended, inCases.State);

        var feed = new NotificationService.NotificationServiceClient(_host.CreateGrpcChannel());
        var items = await Eventually.Until(
            async () => (await feed.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator))).FeedItems,
            found => found.Any(i => i.EventType == "samverkan.events.v1.RecommendationPublished"),
            what: "RecommendationPublished in the feed");
        Assert.Equal(ready.CaseId, Assert.Single(items, i => i.EventType == "samverkan.events.v1.RecommendationPublished").CaseId);

        var followUps = new FollowUpService.FollowUpServiceClient(_host.CreateGrpcChannel());
        var opened = await Eventually.Until(
            async () => (await followUps.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = published.RecommendationId }, TestTokens.As(Roles.Operator))).FollowUps,
            found => found.Count == 21,
            what: "a follow-up per region for the published recommendation");
        Assert.All(opened, f => Assert.Equal((published.Number, published.FollowUpDeadline), (f.RecommendationNumber, f.Deadline)));
    }

    [Fact]
    public async Task A_decision_is_refused_without_quorum_and_with_a_conflicted_member()
    {
        var journey = new CouncilJourney(_host);
        var members = await journey.AppointCouncilAsync();
        var ready = await new JourneySteps(_host).ReadyCaseAsync("Insulinpump Mini");
        var conflicted = members.Single(m => m.Subject == "lars.vast");
        var held = await journey.HoldAsync(await journey.DeclareConflictAsync(await journey.AgendaWithAsync(ready), conflicted));
        var chair = members.Single(m => m.Role == MemberRole.Chair);

        var noQuorum = await Assert.ThrowsAsync<RpcException>(() => journey.Council.RecordDecisionAsync(
            CouncilJourney.CanUse(held, [chair, members.Single(m => m.Subject == "maja.mellan")]), CouncilJourney.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, noQuorum.StatusCode);
        Assert.Equal("QUORUM_NOT_MET", noQuorum.ErrorInfo()?.Reason);
        Assert.Contains("Sven Syd", noQuorum.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Excluded for a conflict of interest: Lars Väst", noQuorum.Status.Detail, StringComparison.Ordinal);

        var everyone = members.Where(m => m.Role != MemberRole.Secretary).ToList();
        var withConflict = await Assert.ThrowsAsync<RpcException>(() => journey.Council.RecordDecisionAsync(
            CouncilJourney.CanUse(held, everyone), CouncilJourney.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, withConflict.StatusCode);
        Assert.Equal("CONFLICT_OF_INTEREST", withConflict.ErrorInfo()?.Reason);
        Assert.Contains("Lars Väst", withConflict.Status.Detail, StringComparison.Ordinal);

        var unchanged = (await journey.Council.GetMeetingAsync(new GetMeetingRequest { Name = held.Name }, CouncilJourney.Secretary)).Meeting;
        Assert.Equal(held.Etag, unchanged.Etag);
        Assert.Empty(unchanged.AgendaItems[0].Recommendation);
        Assert.Empty((await journey.Council.ListRecommendationsAsync(new ListRecommendationsRequest { CaseId = ready.CaseId }, CouncilJourney.Secretary)).Recommendations);
    }
}
