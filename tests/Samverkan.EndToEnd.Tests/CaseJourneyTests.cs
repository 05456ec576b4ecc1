using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// A case's journey through the real standalone host: from horizon scanning to the council's door and closed, with the
/// host restarted in the middle (the grain, the read model, the timeline and a pending timer survive it); and from
/// ready through the council's recommendation to under review when the review date passes.
/// </summary>
public sealed class CaseJourneyTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Clock__Controllable"] = "true",
        ["Timers__PollInterval"] = "00:00:00.500",
    };

    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-");
    private StandaloneProcess _host = null!;

    public async Task InitializeAsync() => _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, Environment);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_case_goes_from_registration_to_closed_across_a_restart_and_its_overdue_assessment_is_flagged()
    {
        var steps = Steps();
        var accepted = await steps.AcceptAsync(await steps.PrioritiseAsync(await steps.NominateAsync(await steps.RegisterAsync("Sömnapnéskena Luna"))));
        var ordered = await steps.OrderAssessmentAsync(accepted, inDays: 5);

        await _host.StopAsync();
        _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, Environment);
        steps = Steps();
        Assert.Equal(ordered, await steps.GetAsync(ordered));

        // The assessment's due timer was scheduled before the restart; it fires once the (moved) clock passes it.
        await new JourneySteps(_host).AdvanceClockAsync(TimeSpan.FromDays(7));
        var cases = Cases();
        var overdue = await Eventually.Until(
            async () => (await cases.ListOverdueAssessmentsAsync(new ListOverdueAssessmentsRequest(), TestTokens.As(Roles.Operator))).Assessments,
            found => found.Any(a => a.CaseName == ordered.Name),
            what: "the assessment in the overdue list");
        Assert.Equal(ordered.Assessments.Single().AssessmentId, Assert.Single(overdue).Assessment.AssessmentId);
        var flagged = await Eventually.Until(
            () => TimelineAsync(ordered),
            timeline => timeline.Contains("assessment-overdue"),
            what: "the overdue assessment on the timeline");

        var current = await steps.GetAsync(ordered);
        var ready = await steps.MarkReadyAsync(await steps.DeliverAsync(current));
        Assert.Equal(CaseState.ReadyForCouncil, ready.State);
        var listed = await cases.ListCasesAsync(new ListCasesRequest { States = { CaseState.ReadyForCouncil } }, TestTokens.As(Roles.Operator));
        Assert.Equal(ready.Etag, Assert.Single(listed.Cases).Etag);

        var closed = (await cases.CloseCaseAsync(
            new CloseCaseRequest { Name = ready.Name, Etag = ready.Etag, Grounds = "Tillverkaren har dragit tillbaka produkten." },
            CaseSteps.PreparationGroup)).Case;
        Assert.Equal(CaseState.Closed, closed.State);
        Assert.Equal(
            ["registered", "nominated", "prioritised", "accepted", "assessment-ordered", "assessment-overdue", "assessment-delivered", "ready-for-council", "closed"],
            await TimelineAsync(closed));
        Assert.Single(flagged, "assessment-overdue");
    }

    [Fact]
    public async Task A_case_follows_the_council_to_recommended_and_goes_under_review_at_the_review_date()
    {
        var journey = new JourneySteps(_host);
        var today = TimeProvider.System.Today();
        var ready = await journey.ReadyCaseAsync("Glukossensor Vega");
        var recommendation = await journey.PublishAsync(ready.CaseId, today, followUpDeadline: today.AddMonths(6));

        var recommended = await Eventually.Until(() => Steps().GetAsync(ready), c => c.State == CaseState.Recommended, what: "the case recommended");
        Assert.Equal(recommendation.Number, recommended.Recommendation.Number);

        var reviewDate = new DateOnly(recommendation.ReviewDate.Year, recommendation.ReviewDate.Month, recommendation.ReviewDate.Day);
        await journey.AdvanceClockAsync(TimeSpan.FromDays(reviewDate.DayNumber - today.DayNumber + 1));
        var underReview = await Eventually.Until(() => Steps().GetAsync(ready), c => c.State == CaseState.UnderReview, what: "the case under review");
        var timeline = await TimelineAsync(underReview);
        Assert.True(timeline.IndexOf("recommendation-published") is >= 0 and var published && timeline.IndexOf("review-due") > published,
            string.Join(", ", timeline));
    }

    private CaseService.CaseServiceClient Cases() => new(_host.CreateGrpcChannel());

    private CaseSteps Steps() => new(Cases(), TimeProvider.System);

    private async Task<List<string>> TimelineAsync(Case c) =>
        (await Cases().ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = c.Name }, TestTokens.As(Roles.Operator)))
            .Entries.Select(e => e.Action).ToList();
}
