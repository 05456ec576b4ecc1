using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.FollowUp.Grains;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class OverviewTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task Twenty_one_regions_reporting_at_the_same_moment_lose_no_update()
    {
        var id = await _steps.PublishAsync();
        var regions = factory.Services.GetRequiredService<ReferenceDataCatalog>().Regions.Select(r => r.Code).ToList();

        await Task.WhenAll(regions.Select(region => _steps.ReportAsync(_steps.Stage(id, region, FollowUpStage.Received), region)));
        await Task.WhenAll(regions.Select(region => _steps.ReportAsync(_steps.Decide(id, region), region)));

        var matrix = await _steps.Client.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.Equal(21, matrix.RegionsDecided);
        Assert.All(matrix.Rows, r => Assert.Equal(FollowUpStage.Decided, r.Stage));
        Assert.Equal(42, (await _steps.OutboxAsync<Samverkan.Events.V1.FollowUpReported>(id)).Count);
    }

    [Fact]
    public async Task The_grain_serialises_concurrent_calls_for_all_21_regions()
    {
        var id = await _steps.PublishAsync();
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecommendationFollowUpGrain>(Guid.Parse(id));
        var regions = factory.Services.GetRequiredService<ReferenceDataCatalog>().Regions.Select(r => r.Code).ToList();

        await Task.WhenAll(regions.SelectMany(region => new[]
        {
            grain.ReportUptakeAsync(new UptakeCommand { RegionCode = region, Year = 2025, Quarter = 4, Measure = (int)UptakeMeasure.UnitsUsed, Value = 1, Actor = new Reporter { Subject = region } }),
            grain.ReportStageAsync(new StageCommand { RegionCode = region, Stage = (int)FollowUpStage.Received, Date = _steps.Today, Actor = new Reporter { Subject = region } }),
        }));

        var list = await _steps.Client.ListFollowUpsAsync(new ListFollowUpsRequest { RecommendationId = id }, FollowUpSteps.Operator);
        Assert.All(list.FollowUps, f => Assert.Equal((FollowUpStage.Received, "2"), (f.Stage, f.Etag)));
    }

    [Fact]
    public async Task A_region_sees_its_open_follow_ups_earliest_deadline_first_and_what_is_due_next()
    {
        var later = await _steps.PublishAsync(deadlineInDays: 200);
        var sooner = await _steps.PublishAsync(deadlineInDays: 20);
        var done = await _steps.PublishAsync(deadlineInDays: 10);
        await _steps.ReportAsync(_steps.Decide(sooner, "23"), "23");
        await _steps.ReportAsync(_steps.Decide(done, "23"), "23");
        await _steps.ReportAsync(_steps.Stage(done, "23", FollowUpStage.Implemented), "23");

        var overview = await _steps.Client.GetRegionOverviewAsync(new GetRegionOverviewRequest { RegionCode = "23" }, FollowUpSteps.Contact("23"));

        var mine = overview.OpenFollowUps.Where(o => o.Name.Contains(later, StringComparison.Ordinal) || o.Name.Contains(sooner, StringComparison.Ordinal) || o.Name.Contains(done, StringComparison.Ordinal)).ToList();
        Assert.Equal([FollowUpSteps.Name(sooner, "23"), FollowUpSteps.Name(later, "23")], mine.Select(o => o.Name));
        Assert.Equal((20, "report the introduction (or phase-out)"), (mine[0].DaysToDeadline, mine[0].NextStep));
        Assert.Equal("Region Jämtland Härjedalen", overview.RegionName);
        Assert.Equal(overview.OpenFollowUps.First(o => o.Stage < FollowUpStage.Decided).Name, overview.NextDue.Name);
        var bad = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.GetRegionOverviewAsync(new GetRegionOverviewRequest { RegionCode = "02" }, FollowUpSteps.Operator).ResponseAsync);
        Assert.Equal(["region_code"], bad.FieldViolations().Select(f => f.Field));
    }
}
