using Grpc.Core;
using Samverkan.FollowUp.V1;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

public sealed class ReportTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly FollowUpSteps _steps = new(factory);

    [Fact]
    public async Task The_national_overview_and_the_yearly_report_give_shares_decisions_and_median_lead_times()
    {
        var year = _steps.Today.Year;
        var id = await _steps.PublishAsync(deadlineInDays: 25);
        factory.Clock.Advance(TimeSpan.FromDays(10));
        await _steps.ReportAsync(_steps.Decide(id, "01"), "01");
        factory.Clock.Advance(TimeSpan.FromDays(20));
        await _steps.FireTimersAsync();
        // Decided after the deadline: they stay counted as overdue, the deadline did pass undecided.
        await _steps.ReportAsync(_steps.Decide(id, "13", RegionalDecision.DoesNotFollow), "13");
        await _steps.ReportAsync(_steps.Decide(id, "14", RegionalDecision.FollowsInPart), "14");

        var national = await _steps.Client.GetNationalOverviewAsync(new GetNationalOverviewRequest { Year = year }, FollowUpSteps.Operator);
        var line = Assert.Single(national.Recommendations);
        // Days to decision 10, 30, 30: the median is 30; 3 of 21 decided.
        Assert.Equal((3, 21, 30.0), (line.RegionsDecided, line.RegionsTotal, line.MedianDaysToDecision));
        Assert.Equal(3.0 / 21, line.ShareDecided, 12);
        Assert.Equal((1, 1, 1, 20), (line.RegionsFollowing, line.RegionsFollowingInPart, line.RegionsNotFollowing, line.RegionsOverdue));
        Assert.Equal((3.0 / 21, 30.0), (national.ShareDecided, national.MedianDaysToDecision));

        var csv = (await _steps.Client.GetYearlyReportAsync(new GetYearlyReportRequest { Year = year, Format = ReportFormat.Csv }, FollowUpSteps.Operator));
        var lines = csv.Content.TrimEnd().Split('\n');
        Assert.Equal(("text/csv", $"uppfoljning-{year}.csv", 22), (csv.ContentType, csv.FileName, lines.Length));
        var halland = lines.Single(l => l.Contains(",13,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("Region Halland", "Decided", "DoesNotFollow", "30", "yes"), (halland[6], halland[7], halland[8], halland[10], halland[11]));
        Assert.Equal("no", lines.Single(l => l.Contains(",01,", StringComparison.Ordinal)).Split(',')[11]);

        var markdown = (await _steps.Client.GetYearlyReportAsync(new GetYearlyReportRequest { Year = year, Format = ReportFormat.Markdown }, FollowUpSteps.Operator)).Content;
        Assert.StartsWith($"# Regional follow-up {year}", markdown, StringComparison.Ordinal);
        Assert.Contains("| 3/21 | 1 | 1 | 1 | 20 | 30 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 13 Region Halland | Decided | DoesNotFollow |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_needs_a_year_that_has_begun_and_a_format()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _steps.Client.GetYearlyReportAsync(new GetYearlyReportRequest { Year = _steps.Today.Year + 1 }, FollowUpSteps.Operator).ResponseAsync);
        Assert.Equal(["format", "year"], error.FieldViolations().Select(f => f.Field).Order());
    }
}
