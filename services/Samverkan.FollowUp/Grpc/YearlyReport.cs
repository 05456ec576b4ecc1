using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Grpc;

/// <summary>One recommendation in the yearly report: its progress, its regions and the variation of its latest uptake.</summary>
public sealed record ReportedRecommendation(
    RecommendationRecord Recommendation,
    RecommendationProgress Progress,
    IReadOnlyList<FollowUpRecord> Regions,
    string UptakePeriod,
    GetUptakeMeasuresResponse? Uptake);

/// <summary>
/// The yearly report to the steering group (NSG LM/MT): one query gathers the year's recommendations, each region's
/// decision and lead time and the uptake variation; CSV and Markdown are two renderings of that same result.
/// </summary>
public sealed class YearlyReport(FollowUpDbContext db, FollowUpQueries followUps, UptakeQueries uptake)
{
    public async Task<IReadOnlyList<ReportedRecommendation>> QueryAsync(int year, CancellationToken cancellationToken)
    {
        var recommendations = await followUps.PublishedIn(year, cancellationToken);
        var ids = recommendations.Select(r => r.RecommendationId).ToList();
        var rows = (await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.RecommendationId)).ToListAsync(cancellationToken)).ToLookup(f => f.RecommendationId);
        var result = new List<ReportedRecommendation>();
        foreach (var r in recommendations)
        {
            var regions = rows[r.RecommendationId].OrderBy(f => f.RegionCode, StringComparer.Ordinal).ToList();
            var period = await uptake.LatestPeriodAsync(r.RecommendationId, cancellationToken);
            var measures = period is var (y, q, m) ? await uptake.MeasuresAsync(r.RecommendationId, y, q, m, cancellationToken) : null;
            var label = period is var (py, pq, pm) ? string.Create(CultureInfo.InvariantCulture, $"{py} Q{pq} {Measure(pm)}") : string.Empty;
            result.Add(new ReportedRecommendation(r, FollowUpQueries.Progress(r, regions), regions, label, measures));
        }

        return result;
    }

    public string ToCsv(IReadOnlyList<ReportedRecommendation> report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("recommendation_number,product,version,published,deadline,region_code,region_name,stage,decision,decision_date,days_to_decision,overdue,share_decided,median_days_to_decision,uptake_period,rate_per_100k,coefficient_of_variation,max_min_ratio");
        foreach (var item in report)
        {
            var r = item.Recommendation;
            foreach (var f in item.Regions)
            {
                var rate = item.Uptake?.Regions.SingleOrDefault(u => u.RegionCode == f.RegionCode) is { HasRatePer100K: true } u ? Number(u.RatePer100K) : string.Empty;
                csv.AppendJoin(',', [
                    Field(r.Number), Field(r.ProductDisplayName), Number(r.Version), Day(LeadTimes.SwedishDate(r.FirstPublishedAt)), Day(r.Deadline),
                    f.RegionCode, Field(followUps.RegionName(f.RegionCode)), Stage(f.Stage), Decision(f.Decision), f.DecidedOn is { } d ? Day(d) : string.Empty,
                    f.DecidedOn is { } on ? Number(LeadTimes.DaysToDecision(r.FirstPublishedAt, on)) : string.Empty, f.Overdue ? "yes" : "no",
                    Number(item.Progress.ShareDecided), item.Progress.HasMedianDaysToDecision ? Number(item.Progress.MedianDaysToDecision) : string.Empty,
                    item.UptakePeriod, rate,
                    item.Uptake is { HasCoefficientOfVariation: true } cv ? Number(cv.CoefficientOfVariation) : string.Empty,
                    item.Uptake is { HasMaxMinRatio: true } mm ? Number(mm.MaxMinRatio) : string.Empty,
                ]);
                csv.AppendLine();
            }
        }

        return csv.ToString();
    }

    public string ToMarkdown(int year, IReadOnlyList<ReportedRecommendation> report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Regional follow-up {year}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Report to the steering group (NSG LM/MT): the {report.Count} recommendation(s) the council published in {year}, how each region decided, lead times and uptake variation.");
        md.AppendLine();
        md.AppendLine("| Recommendation | Product | Decided | Follows | In part | Does not | Overdue | Median days to decision | Uptake CV | Max/min |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var item in report)
        {
            var p = item.Progress;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(item.Recommendation.Number)} | {Cell(item.Recommendation.ProductDisplayName)} | {p.RegionsDecided}/{p.RegionsTotal} | {p.RegionsFollowing} | {p.RegionsFollowingInPart} | {p.RegionsNotFollowing} | {p.RegionsOverdue} | {(p.HasMedianDaysToDecision ? Number(p.MedianDaysToDecision) : "–")} | {(item.Uptake is { HasCoefficientOfVariation: true } cv ? Number(cv.CoefficientOfVariation) : "–")} | {(item.Uptake is { HasMaxMinRatio: true } mm ? Number(mm.MaxMinRatio) : "–")} |");
        }

        foreach (var item in report)
        {
            var r = item.Recommendation;
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {Cell(r.Number)}: {Cell(r.ProductDisplayName)}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Version {r.Version}, published {Day(LeadTimes.SwedishDate(r.FirstPublishedAt))}, deadline {Day(r.Deadline)}. Uptake: {(item.UptakePeriod.Length > 0 ? item.UptakePeriod : "no figures reported")}.");
            md.AppendLine();
            md.AppendLine("| Region | Stage | Decision | Decision date | Days to decision | Overdue | Rate per 100,000 |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var f in item.Regions)
            {
                var uptakeLine = item.Uptake?.Regions.SingleOrDefault(u => u.RegionCode == f.RegionCode);
                var rate = uptakeLine switch
                {
                    { HasRatePer100K: true } u => Number(u.RatePer100K),
                    { Note.Length: > 0 } u => u.Note,
                    _ => "–",
                };
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {f.RegionCode} {Cell(followUps.RegionName(f.RegionCode))} | {Stage(f.Stage)} | {Decision(f.Decision)} | {(f.DecidedOn is { } d ? Day(d) : "–")} | {(f.DecidedOn is { } on ? Number(LeadTimes.DaysToDecision(r.FirstPublishedAt, on)) : "–")} | {(f.Overdue ? "yes" : "no")} | {rate} |");
            }
        }

        return md.ToString();
    }

    private static string Stage(FollowUpStage stage) => stage.ToString();

    private static string Decision(RegionalDecision decision) => decision == RegionalDecision.Unspecified ? string.Empty : decision.ToString();

    private static string Measure(UptakeMeasure measure) => measure == UptakeMeasure.PatientsTreated ? "patients treated" : "units used";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
