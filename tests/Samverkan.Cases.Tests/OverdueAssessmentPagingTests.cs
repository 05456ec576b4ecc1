using Samverkan.Cases.V1;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

/// <summary>Its own host, so the overdue list holds only the assessments this test ordered.</summary>
public sealed class OverdueAssessmentPagingTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task The_overdue_list_pages_the_longest_overdue_first_without_repeats()
    {
        var ordered = new List<Case>();
        foreach (var days in new[] { 3, 1, 2 })
        {
            ordered.Add(await Steps.OrderAssessmentAsync(await Accepted($"Försenad {days}"), inDays: days));
        }

        factory.Clock.Advance(TimeSpan.FromDays(5));
        var seen = new List<string>();
        var request = new ListOverdueAssessmentsRequest { PageSize = 2 };
        do
        {
            var page = await _cases.ListOverdueAssessmentsAsync(request, CaseSteps.PreparationGroup);
            Assert.True(page.Assessments.Count <= 2);
            seen.AddRange(page.Assessments.Select(a => a.CaseName));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal([ordered[1].Name, ordered[2].Name, ordered[0].Name], seen);
    }

    private async Task<Case> Accepted(string name) =>
        await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync(name))));
}
