using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class RecommendationTests : CouncilTest
{
    [Fact]
    public async Task Publishing_numbers_the_recommendation_makes_it_public_and_tells_the_regions()
    {
        var (council, published) = await Steps.PublishedAsync();

        var year = TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), ServiceDefaults.Hosting.SwedishTime.Zone).Year;
        Assert.Equal($"MTP-{year}-001", published.Number);
        Assert.Equal(RecommendationState.Published, published.State);
        Assert.NotNull(published.PublishTime);

        var read = (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = $"recommendations/{published.RecommendationId}" }, TestTokens.As(Roles.Public))).Recommendation;
        Assert.Equal(published, read);

        var e = Assert.Single(await Factory.OutboxAsync<RecommendationPublished>());
        Assert.Equal(published.Number, e.Recommendation.Number);
        Assert.Equal(published.Name, e.Recommendation.Name);
        Assert.Equal(published.CaseId, e.Recommendation.CaseId);
        Assert.Equal(RecommendationOutcome.CanUse, e.Recommendation.Outcome);
        Assert.Equal(["Används endast inom uppföljning."], e.Recommendation.Conditions);
        Assert.Equal(published.FollowUpDeadline, e.Recommendation.FollowUpDeadline);
        Assert.Equal("sekreterare", e.Audit.Actor.Subject);

        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync("Sensor Beta");
        var second = await Steps.PublishAsync((await Steps.DecideAsync(meeting, council.Deciding)).Recommendation);
        Assert.Equal($"MTP-{year}-002", second.Number);
    }

    [Fact]
    public async Task Drafts_published_at_once_get_distinct_numbers()
    {
        var council = await Steps.AppointCouncilAsync();
        var drafts = new List<Recommendation>();
        for (var i = 0; i < 6; i++)
        {
            var (meeting, _) = await Steps.HeldMeetingWithCaseAsync($"Produkt {i}");
            drafts.Add((await Steps.DecideAsync(meeting, council.Deciding)).Recommendation);
        }

        var published = await Task.WhenAll(drafts.Select(Steps.PublishAsync));

        var year = TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), ServiceDefaults.Hosting.SwedishTime.Zone).Year;
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"MTP-{year}-{n:000}"), published.Select(p => p.Number).Order(StringComparer.Ordinal));
        Assert.Equal(published.Select(p => p.Number).Order(StringComparer.Ordinal),
            (await Factory.OutboxAsync<RecommendationPublished>()).Select(e => e.Recommendation.Number).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_published_recommendation_is_immutable()
    {
        var (_, published) = await Steps.PublishedAsync();
        var again = await Assert.ThrowsAsync<RpcException>(() => Steps.PublishAsync(published));
        Assert.Equal("ALREADY_PUBLISHED", again.ErrorInfo()?.Reason);
        Assert.Single(await Factory.OutboxAsync<RecommendationPublished>());
    }

    [Theory]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.Operator)]
    public async Task Only_the_secretary_publishes(string role)
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var draft = (await Steps.DecideAsync(meeting, council.Deciding)).Recommendation;

        var error = await Assert.ThrowsAsync<RpcException>(() => Council.PublishRecommendationAsync(
            new PublishRecommendationRequest { Name = draft.Name, Etag = draft.Etag, Reason = "Nu." }, TestTokens.As(role)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(await Factory.OutboxAsync<RecommendationPublished>());
    }

    [Fact]
    public async Task Drafts_are_the_councils_own()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var draft = (await Steps.DecideAsync(meeting, council.Deciding)).Recommendation;

        foreach (var role in new[] { Roles.Public, Roles.RegionContact, Roles.Operator })
        {
            Assert.Empty((await Council.ListRecommendationsAsync(new ListRecommendationsRequest(), TestTokens.As(role, "13"))).Recommendations);
            var get = await Assert.ThrowsAsync<RpcException>(() => Council.GetRecommendationAsync(new GetRecommendationRequest { Name = draft.Name }, TestTokens.As(role, "13")).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, get.StatusCode);
            var record = await Assert.ThrowsAsync<RpcException>(() => Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = draft.Name }, TestTokens.As(role, "13")).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, record.StatusCode);
        }

        Assert.Equal(draft, (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = draft.Name }, CouncilSteps.MemberToken("x"))).Recommendation);
    }

    [Fact]
    public async Task A_revision_is_decided_again_and_published_as_a_new_version_replacing_the_old()
    {
        var (council, v1) = await Steps.PublishedAsync();
        await Factory.DeliverAsync(new CaseReadyForCouncil { CaseId = v1.CaseId, ProductDisplayName = v1.ProductDisplayName, ProgrammeAreaCodes = { "endokrina-sjukdomar" } });
        var meeting = await Steps.HoldAsync(await Steps.PublishAgendaAsync(await Steps.AddCaseAsync(await Steps.PlanAsync(), v1.CaseId)));
        var request = Steps.Decision(meeting, council.Deciding);
        request.Outcome = RecommendationOutcome.ShouldUse;
        var v2 = (await Council.RecordDecisionAsync(request, CouncilSteps.Secretary)).Recommendation;
        Assert.Equal(2, v2.Version);
        Assert.Equal(1, v2.PreviousVersion);
        Assert.Equal(v1.RecommendationId, v2.RecommendationId);

        var viaPublish = await Assert.ThrowsAsync<RpcException>(() => Steps.PublishAsync(v2));
        Assert.Equal("REVISION_NOT_PUBLISHED_HERE", viaPublish.ErrorInfo()?.Reason);
        var noSummary = await Assert.ThrowsAsync<RpcException>(() => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest { Name = v2.Name, Etag = v2.Etag, Reason = "Ny evidens." }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("change_summary", Assert.Single(noSummary.FieldViolations()).Field);
        var stale = await Assert.ThrowsAsync<RpcException>(() => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest
        {
            Name = v2.Name,
            Etag = "9",
            ChangeSummary = "Ny RCT.",
            Reason = "Ny evidens.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Empty(await Factory.OutboxAsync<RecommendationRevised>());

        var revised = (await Council.ReviseRecommendationAsync(new ReviseRecommendationRequest
        {
            Name = v2.Name,
            Etag = v2.Etag,
            ChangeSummary = "Kan användas → bör användas efter ny RCT.",
            Reason = "Ny evidens.",
        }, CouncilSteps.Secretary)).Recommendation;
        Assert.Equal(v1.Number, revised.Number);
        Assert.Equal(RecommendationState.Published, revised.State);

        var old = (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = v1.Name }, TestTokens.As(Roles.Public))).Recommendation;
        Assert.Equal(RecommendationState.Superseded, old.State);
        var latest = (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = $"recommendations/{v1.RecommendationId}" }, TestTokens.As(Roles.Public))).Recommendation;
        Assert.Equal(revised, latest);

        var e = Assert.Single(await Factory.OutboxAsync<RecommendationRevised>());
        Assert.Equal(1, e.PreviousVersion);
        Assert.Equal(2, e.Recommendation.Version);
        Assert.Equal(revised.ChangeSummary, e.ChangeSummary);

        // Only the version in force falls due for review: the superseded one's timer is gone.
        Factory.Clock.SetUtcNow(SwedishStart(revised.ReviewDate).AddMinutes(1));
        await Factory.FireDueTimersAsync();
        var due = Assert.Single(await Eventually.Until(Factory.OutboxAsync<RecommendationReviewDue>, found => found.Count > 0, what: "RecommendationReviewDue"));
        Assert.Equal(2, due.Recommendation.Version);

        var v1Trail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = v1.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.Equal(["recommendation.decided", "recommendation.published", "recommendation.superseded"], v1Trail.Select(a => a.Action));
        var v2Trail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = v2.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.Equal(["recommendation.decided", "recommendation.published"], v2Trail.Select(a => a.Action));
        Assert.Equal("Ny evidens.", v2Trail[1].Audit.Reason);

        var firstAsRevision = await Assert.ThrowsAsync<RpcException>(() => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest { Name = v1.Name, Etag = old.Etag, ChangeSummary = "x", Reason = "x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, firstAsRevision.StatusCode);
    }

    [Fact]
    public async Task A_case_with_an_unpublished_decision_is_not_decided_again()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, caseId) = await Steps.HeldMeetingWithCaseAsync();
        await Steps.DecideAsync(meeting, council.Deciding);
        await Factory.DeliverAsync(new CaseReadyForCouncil { CaseId = caseId, ProductDisplayName = "Insulinpump Omnia" });
        var second = await Steps.HoldAsync(await Steps.PublishAgendaAsync(await Steps.AddCaseAsync(await Steps.PlanAsync(), caseId)));

        var error = await Assert.ThrowsAsync<RpcException>(() => Steps.DecideAsync(second, council.Deciding));
        Assert.Equal("DRAFT_PENDING", error.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task The_review_date_emits_review_due_once_even_after_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("samverkan-council-restart-");
        Recommendation published;
        await using (var first = new CouncilFactory(directory.FullName))
        {
            (_, published) = await new CouncilSteps(first).PublishedAsync();
            Assert.Equal(0, await first.FireDueTimersAsync());
        }

        var later = SwedishStart(published.ReviewDate).AddMinutes(1);
        await using (var second = new CouncilFactory(directory.FullName, later))
        {
            // The restarted host's own timer runner finds the due timer when it starts.
            var due = Assert.Single(await Eventually.Until(second.OutboxAsync<RecommendationReviewDue>, found => found.Count > 0, what: "RecommendationReviewDue"));
            Assert.Equal(published.Number, due.Recommendation.Number);
            Assert.Equal(0, await second.FireDueTimersAsync());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Publishing_refuses_bad_input_unknown_and_stale_drafts()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.PublishRecommendationAsync(new PublishRecommendationRequest { Name = "recommendations/x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["etag", "name", "reason"], bad.FieldViolations().Select(v => v.Field).Order());
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.PublishRecommendationAsync(new PublishRecommendationRequest
        {
            Name = $"recommendations/{Guid.NewGuid()}/versions/1",
            Etag = "1",
            Reason = "x",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var draft = (await Steps.DecideAsync(meeting, council.Deciding)).Recommendation;
        var stale = await Assert.ThrowsAsync<RpcException>(() => Council.PublishRecommendationAsync(new PublishRecommendationRequest { Name = draft.Name, Etag = "7", Reason = "x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var badRevision = await Assert.ThrowsAsync<RpcException>(() => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest { Name = draft.Name + "/x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["change_summary", "etag", "name", "reason"], badRevision.FieldViolations().Select(v => v.Field).Order());
        var unknownRevision = await Assert.ThrowsAsync<RpcException>(() => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest
        {
            Name = $"recommendations/{Guid.NewGuid()}/versions/2",
            Etag = "1",
            ChangeSummary = "x",
            Reason = "x",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownRevision.StatusCode);
        Assert.Equal(draft, (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = draft.Name }, CouncilSteps.Secretary)).Recommendation);
        Assert.Empty(await Factory.OutboxAsync<RecommendationPublished>());

        Factory.Clock.Advance(TimeSpan.FromDays(800));
        var passed = await Assert.ThrowsAsync<RpcException>(() => Steps.PublishAsync(draft));
        Assert.Equal("REVIEW_DATE_PASSED", passed.ErrorInfo()?.Reason);
    }

    [Fact]
    public async Task Lists_filter_by_outcome_programme_area_case_and_publication_date()
    {
        var (_, published) = await Steps.PublishedAsync();
        var today = CouncilSteps.ToDate(Steps.Today);
        var tomorrow = CouncilSteps.ToDate(Steps.Today.AddDays(1));
        async Task<int> Count(ListRecommendationsRequest r) => (await Council.ListRecommendationsAsync(r, TestTokens.As(Roles.Public))).Recommendations.Count;

        Assert.Equal(1, await Count(new ListRecommendationsRequest { Outcome = RecommendationOutcome.CanUse, ProgrammeAreaCode = "endokrina-sjukdomar", CaseId = published.CaseId }));
        Assert.Equal(0, await Count(new ListRecommendationsRequest { Outcome = RecommendationOutcome.Refrain }));
        Assert.Equal(0, await Count(new ListRecommendationsRequest { ProgrammeAreaCode = "cancer" }));
        Assert.Equal(1, await Count(new ListRecommendationsRequest { PublishedFrom = today, PublishedTo = today }));
        Assert.Equal(0, await Count(new ListRecommendationsRequest { PublishedFrom = tomorrow }));

        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.ListRecommendationsAsync(new ListRecommendationsRequest
        {
            Outcome = (RecommendationOutcome)99,
            ProgrammeAreaCode = "okänd",
            PublishedFrom = tomorrow,
            PublishedTo = today,
        }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(["outcome", "programme_area_code", "published_to"], bad.FieldViolations().Select(v => v.Field).Order());
    }

    [Fact]
    public async Task Reading_refuses_bad_names_and_unknown_recommendations()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = $"recommendations/{Guid.NewGuid()}" }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal("name", Assert.Single(bad.FieldViolations()).Field);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.GetRecommendationAsync(new GetRecommendationRequest { Name = $"recommendations/{Guid.NewGuid()}" }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        foreach (var name in new[] { "", "recommendations/x", $"recommendations/{Guid.NewGuid()}/versions/0", $"recommendations/{Guid.NewGuid()}/drafts/1" })
        {
            var badGet = await Assert.ThrowsAsync<RpcException>(() => Council.GetRecommendationAsync(new GetRecommendationRequest { Name = name }, TestTokens.As(Roles.Public)).ResponseAsync);
            Assert.Equal("name", Assert.Single(badGet.FieldViolations()).Field);
        }

        var unknownRecord = await Assert.ThrowsAsync<RpcException>(() => Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = $"recommendations/{Guid.NewGuid()}/versions/1" }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownRecord.StatusCode);
    }

    [Fact]
    public async Task Lists_page_newest_first_and_refuse_a_forged_page_token()
    {
        var (council, first) = await Steps.PublishedAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync("Sensor Beta");
        var second = await Steps.PublishAsync((await Steps.DecideAsync(meeting, council.Deciding)).Recommendation);

        var page1 = await Council.ListRecommendationsAsync(new ListRecommendationsRequest { PageSize = 1 }, TestTokens.As(Roles.Public));
        var page2 = await Council.ListRecommendationsAsync(new ListRecommendationsRequest { PageSize = 1, PageToken = page1.NextPageToken }, TestTokens.As(Roles.Public));
        Assert.Equal(second.Name, Assert.Single(page1.Recommendations).Name);
        Assert.Equal(first.Name, Assert.Single(page2.Recommendations).Name);
        Assert.Empty(page2.NextPageToken);

        var forged = ServiceDefaults.Errors.Paging.Encode("yesterday", "not-a-uuid", "-1");
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.ListRecommendationsAsync(new ListRecommendationsRequest { PageToken = forged }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("page_token", Assert.Single(error.FieldViolations()).Field);
    }

    private static DateTimeOffset SwedishStart(Date d) => ServiceDefaults.Hosting.SwedishTime.StartOf(new DateOnly(d.Year, d.Month, d.Day));
}
