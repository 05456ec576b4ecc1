using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

public sealed class AssessmentOverdueTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Fact]
    public async Task An_assessment_past_its_date_is_listed_and_published_once_and_a_delivered_one_never()
    {
        var late = await Steps.OrderAssessmentAsync(await Accepted("Sen bedömning"), inDays: 3);
        var onTime = await Steps.DeliverAsync(await Steps.OrderAssessmentAsync(await Accepted("Levererad bedömning"), inDays: 3));

        Assert.Empty((await _cases.ListOverdueAssessmentsAsync(new ListOverdueAssessmentsRequest(), CaseSteps.PreparationGroup)).Assessments);
        factory.Clock.Advance(TimeSpan.FromDays(5));
        await FireTimersAsync();
        await FireTimersAsync();

        var overdue = Assert.Single((await _cases.ListOverdueAssessmentsAsync(new ListOverdueAssessmentsRequest(), CaseSteps.PreparationGroup)).Assessments);
        Assert.Equal(late.Name, overdue.CaseName);
        Assert.True(overdue.Assessment.Overdue);
        Assert.True((await Steps.GetAsync(late)).Assessments.Single().Overdue);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var published = await db.Outbox.Where(m => m.Type == AssessmentOverdue.Descriptor.FullName).Select(m => m.Data).ToListAsync();
        var single = AssessmentOverdue.Parser.ParseJson(Assert.Single(published));
        Assert.Equal((late.CaseId, "TLV"), (single.CaseId, single.Assessor));
        Assert.DoesNotContain(published, p => p.Contains(onTime.CaseId, StringComparison.Ordinal));
        Assert.Equal("assessment-overdue", (await _cases.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = late.Name }, CaseSteps.PreparationGroup)).Entries[^1].Action);
    }

    private async Task<Case> Accepted(string name) =>
        await Steps.AcceptAsync(await Steps.PrioritiseAsync(await Steps.NominateAsync(await Steps.RegisterAsync(name))));

    private Task<int> FireTimersAsync() => factory.Services.GetRequiredService<TimerRunner<CasesDbContext>>().FireDueAsync(CancellationToken.None);
}
