using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Tests;

/// <summary>What the council's recommendation events do to the follow-ups beyond opening them (<see cref="OpeningTests"/>).</summary>
public sealed class RecommendationEventTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task A_publication_without_a_usable_id_or_deadline_opens_nothing()
    {
        var before = await _steps.RowCountsAsync();
        var noDeadline = FollowUpSteps.Snapshot(Guid.NewGuid().ToString(), _steps.Today.AddDays(30));
        noDeadline.FollowUpDeadline = null;
        var impossibleDeadline = FollowUpSteps.Snapshot(Guid.NewGuid().ToString(), _steps.Today.AddDays(30));
        impossibleDeadline.FollowUpDeadline = new Date { Year = _steps.Today.Year + 1, Month = 2, Day = 30 };
        var noId = FollowUpSteps.Snapshot(Guid.NewGuid().ToString(), _steps.Today.AddDays(30));
        noId.RecommendationId = "MTP-2026-001";

        await _steps.DeliverAsync(new RecommendationPublished { Audit = _steps.Secretary() });
        foreach (var snapshot in new[] { noDeadline, impossibleDeadline, noId })
        {
            await _steps.DeliverAsync(new RecommendationPublished { Recommendation = snapshot, Audit = _steps.Secretary() });
            await _steps.DeliverAsync(new RecommendationRevised { Recommendation = snapshot, Audit = _steps.Secretary() });
        }

        Assert.Equal(before, await _steps.RowCountsAsync());
    }

    [Fact]
    public async Task A_revision_moves_the_deadline_so_the_old_one_passing_makes_no_region_overdue()
    {
        var id = await _steps.PublishAsync(deadlineInDays: 10);
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(40), version: 2), PreviousVersion = 1, Audit = _steps.Secretary() });

        factory.Clock.Advance(TimeSpan.FromDays(12));
        await _steps.FireTimersAsync();
        Assert.Empty(await _steps.OutboxAsync<FollowUpOverdue>(id));

        factory.Clock.Advance(TimeSpan.FromDays(30));
        await _steps.FireTimersAsync();
        var overdue = await _steps.OutboxAsync<FollowUpOverdue>(id);
        Assert.Equal(21, overdue.Count);
        Assert.All(overdue, o => Assert.Equal(FollowUpSteps.Date(_steps.Today.AddDays(-2)), o.Deadline));
    }

    [Fact]
    public async Task A_later_deadline_after_a_revision_gives_overdue_regions_a_new_chance_and_each_deadline_is_reported_once()
    {
        var id = await _steps.PublishAsync(deadlineInDays: 5);
        await _steps.ReportAsync(_steps.Decide(id, "13"), "13");
        factory.Clock.Advance(TimeSpan.FromDays(6));
        await _steps.FireTimersAsync();
        Assert.Equal(20, (await _steps.OutboxAsync<FollowUpOverdue>(id)).Count);

        var newDeadline = _steps.Today.AddDays(30);
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, newDeadline, version: 2), PreviousVersion = 1, Audit = _steps.Secretary() });
        var matrix = await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal(0, matrix.RegionsOverdue);
        Assert.Equal(["13"], matrix.Rows.Where(r => r.ConfirmationRequested).Select(r => r.RegionCode));

        await _steps.ReportAsync(_steps.Decide(id, "14"), "14");
        factory.Clock.Advance(TimeSpan.FromDays(31));
        await _steps.FireTimersAsync();
        await _steps.FireTimersAsync();

        var second = (await _steps.OutboxAsync<FollowUpOverdue>(id)).Where(o => o.Deadline.Equals(FollowUpSteps.Date(newDeadline))).ToList();
        Assert.Equal(19, second.Count);
        Assert.DoesNotContain(second, o => o.RegionCode is "13" or "14");
        Assert.Equal(39, (await _steps.OutboxAsync<FollowUpOverdue>(id)).Count);
    }
}
