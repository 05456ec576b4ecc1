using System.Net.Http.Headers;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// A case's journey through the real standalone host, from horizon scanning to the council's door and closed,
/// with the host restarted in the middle: the grain, the read model, the timeline and a pending timer survive it.
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
        await AdvanceClockAsync(TimeSpan.FromDays(7));
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

    private CaseService.CaseServiceClient Cases() => new(_host.CreateGrpcChannel());

    private CaseSteps Steps() => new(Cases(), TimeProvider.System);

    private async Task<List<string>> TimelineAsync(Case c) =>
        (await Cases().ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = c.Name }, TestTokens.As(Roles.Operator)))
            .Entries.Select(e => e.Action).ToList();

    private async Task AdvanceClockAsync(TimeSpan by)
    {
        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clock/advance?by={by:c}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.Operator));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
