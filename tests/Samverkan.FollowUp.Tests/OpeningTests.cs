using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Tests;

public sealed class OpeningTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task A_published_recommendation_opens_a_follow_up_for_each_of_the_21_regions_with_the_council_s_deadline()
    {
        var id = await _steps.PublishAsync(deadlineInDays: 90);

        var list = await _steps.Client.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal(21, list.FollowUps.Count);
        Assert.All(list.FollowUps, f => Assert.Equal((FollowUpStage.Open, 1, FollowUpSteps.Date(_steps.Today.AddDays(90))), (f.Stage, f.RecommendationVersion, f.Deadline)));
        Assert.Equal(["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"], list.FollowUps.Select(f => f.RegionCode));
        Assert.Equal("Region Halland", list.FollowUps.Single(f => f.RegionCode == "13").RegionName);
    }

    [Fact]
    public async Task Duplicate_deliveries_of_RecommendationPublished_open_nothing_twice()
    {
        var id = Guid.NewGuid().ToString();
        var published = new RecommendationPublished { Recommendation = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(30)), Audit = _steps.Secretary() };
        var eventId = await _steps.DeliverAsync(published);
        await _steps.ReportAsync(_steps.Stage(id, "13", FollowUpStage.Received), "13");

        await _steps.DeliverAsync(published, eventId);
        await _steps.DeliverAsync(published);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _steps.DeliverAsync(published)));

        await using var db = await _steps.Contexts().CreateDbContextAsync();
        Assert.Equal(21, await db.FollowUps.CountAsync(f => f.RecommendationId == Guid.Parse(id)));
        Assert.Equal(1, await db.Recommendations.CountAsync(r => r.RecommendationId == Guid.Parse(id)));
        Assert.Equal(1, await db.AuditTrail.CountAsync(a => a.Resource == $"recommendations/{id}/followUps" && a.Action == "follow-up.opened"));
        Assert.Equal(1, await db.Timers.CountAsync(t => t.Key == id));
        Assert.Equal(FollowUpStage.Received, (await _steps.GetAsync(id, "13")).Stage);
    }

    [Fact]
    public async Task A_revision_moves_every_follow_up_to_the_new_version_and_asks_decided_regions_to_confirm()
    {
        var id = await _steps.PublishAsync(deadlineInDays: 30);
        await _steps.ReportAsync(_steps.Decide(id, "13"), "13");
        await _steps.ReportAsync(_steps.Stage(id, "14", FollowUpStage.Received), "14");

        var revised = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(120), version: 2);
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = revised, PreviousVersion = 1, ChangeSummary = "Ny evidens.", Audit = _steps.Secretary() });
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(5), version: 1), Audit = _steps.Secretary() });

        var matrix = await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal((2, FollowUpSteps.Date(_steps.Today.AddDays(120))), (matrix.RecommendationVersion, matrix.Deadline));
        Assert.Equal(["13"], matrix.Rows.Where(r => r.ConfirmationRequested).Select(r => r.RegionCode));
        var halland = await _steps.GetAsync(id, "13");
        Assert.Equal((2, RegionalDecision.Follows), (halland.RecommendationVersion, halland.Decision));

        var confirmed = (await _steps.Client.ConfirmDecisionAsync(new ConfirmDecisionRequest { Name = halland.Name, Etag = halland.Etag, Reason = "Beslutet gäller." }, FollowUpSteps.Contact("13"))).FollowUp;
        Assert.False(confirmed.ConfirmationRequested);
        Assert.Equal((StageReportKind.Confirmed, 2), (confirmed.History[^1].Kind, confirmed.History[^1].RecommendationVersion));
        Assert.Equal(RegionalDecision.Follows, (await _steps.OutboxAsync<FollowUpReported>(id)).Last().Decision);
    }
}
