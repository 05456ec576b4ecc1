using Microsoft.Extensions.DependencyInjection;
using Samverkan.Events.V1;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class OverdueTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task Each_region_undecided_at_the_deadline_gets_FollowUpOverdue_once_and_decided_regions_none()
    {
        var id = await _steps.PublishAsync(deadlineInDays: 10);
        await _steps.ReportAsync(_steps.Decide(id, "13"), "13");
        await _steps.ReportAsync(_steps.Stage(id, "14", FollowUpStage.CommentRound), "14");

        factory.Clock.Advance(TimeSpan.FromDays(9));
        await _steps.FireTimersAsync();
        Assert.Empty(await _steps.OutboxAsync<FollowUpOverdue>(id));

        factory.Clock.Advance(TimeSpan.FromDays(2));
        await _steps.FireTimersAsync();
        await _steps.FireTimersAsync();

        var overdue = await _steps.OutboxAsync<FollowUpOverdue>(id);
        Assert.Equal(20, overdue.Count);
        Assert.Equal(20, overdue.Select(o => o.RegionCode).Distinct().Count());
        Assert.DoesNotContain(overdue, o => o.RegionCode == "13");
        Assert.Equal(FollowUpStage.CommentRound, overdue.Single(o => o.RegionCode == "14").Stage);
        var matrix = await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal((1, 20), (matrix.RegionsDecided, matrix.RegionsOverdue));

        await _steps.ReportAsync(_steps.Decide(id, "14"), "14");
        await _steps.DeliverAsync(new RecommendationRevised { Recommendation = FollowUpSteps.Snapshot(id, _steps.Today.AddDays(-1), version: 2), Audit = _steps.Secretary() });
        await _steps.FireTimersAsync();
        Assert.Equal(20, (await _steps.OutboxAsync<FollowUpOverdue>(id)).Count);
    }

    [Fact]
    public async Task The_deadline_timer_survives_a_restart_of_the_service()
    {
        var directory = Directory.CreateTempSubdirectory("samverkan-followup-restart-").FullName;
        var start = DateTimeOffset.UtcNow;
        string id;
        await using (var first = FollowUpFactory.On(directory, start))
        {
            var steps = new FollowUpSteps(first);
            id = await steps.PublishAsync(deadlineInDays: 3);
            await steps.FireTimersAsync();
            Assert.Empty(await steps.OutboxAsync<FollowUpOverdue>(id));
        }

        await using var second = FollowUpFactory.On(directory, start.AddDays(5));
        var restarted = new FollowUpSteps(second);
        var regions = second.Services.GetRequiredService<ReferenceDataCatalog>().Regions.Select(r => r.Code).ToList();

        // The restarted host's own runner polls once at start and may take the timer's lease before this call does; if
        // that first attempt fails (the silo still starting) the timer is due again after the retry delay, which passes
        // on this host's clock only when the test moves it.
        var overdue = await Eventually.Until(
            async () =>
            {
                await restarted.FireTimersAsync();
                second.Clock.Advance(TimeSpan.FromSeconds(31));
                return await restarted.OutboxAsync<FollowUpOverdue>(id);
            },
            events => events.Count >= regions.Count,
            what: "FollowUpOverdue for every region after the restart");
        Assert.Equal(regions, overdue.Select(o => o.RegionCode).Order(StringComparer.Ordinal));
        Assert.True((await restarted.GetAsync(id, "01")).Overdue);
    }
}
