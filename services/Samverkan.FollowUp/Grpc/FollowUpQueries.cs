using Microsoft.EntityFrameworkCore;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.FollowUp.Grpc;

/// <summary>The follow-up views read from the relational tables the grains commit to.</summary>
public sealed class FollowUpQueries(FollowUpDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    public async Task<V1.FollowUp> GetAsync(Guid recommendationId, string regionCode, CancellationToken cancellationToken)
    {
        var row = await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.RecommendationId == recommendationId && f.RegionCode == regionCode, cancellationToken)
            ?? throw new NotFoundException(FollowUpNames.Format(recommendationId, regionCode));
        var recommendation = await db.Recommendations.AsNoTracking().SingleAsync(r => r.RecommendationId == recommendationId, cancellationToken);
        var history = await db.StageReports.AsNoTracking()
            .Where(s => s.RecommendationId == recommendationId && s.RegionCode == regionCode)
            .OrderBy(s => s.FollowUpVersion).ToListAsync(cancellationToken);
        return row.ToProto(RegionName(regionCode), recommendation, history);
    }

    public async Task<GetFollowUpMatrixResponse> MatrixAsync(Guid recommendationId, CancellationToken cancellationToken)
    {
        var recommendation = await Recommendation(recommendationId, cancellationToken);
        var rows = await db.FollowUps.AsNoTracking().Where(f => f.RecommendationId == recommendationId).ToListAsync(cancellationToken);
        return new GetFollowUpMatrixResponse
        {
            RecommendationId = recommendationId.ToString(),
            RecommendationNumber = recommendation.Number,
            RecommendationVersion = recommendation.Version,
            Deadline = recommendation.Deadline.ToProto(),
            Rows =
            {
                rows.OrderBy(r => r.RegionCode, StringComparer.Ordinal).Select(r => new FollowUpMatrixRow
                {
                    RegionCode = r.RegionCode,
                    RegionName = RegionName(r.RegionCode),
                    Stage = r.Stage,
                    Decision = r.Decision,
                    DecisionDate = r.DecidedOn?.ToProto(),
                    Overdue = r.Overdue,
                    ConfirmationRequested = r.ConfirmationRequested,
                }),
            },
            RegionsDecided = rows.Count(r => Stages.IsDecided(r.Stage)),
            RegionsOverdue = rows.Count(r => r.Overdue),
        };
    }

    public async Task<GetRegionOverviewResponse> RegionAsync(string regionCode, CancellationToken cancellationToken)
    {
        var rows = await db.FollowUps.AsNoTracking()
            .Where(f => f.RegionCode == regionCode && (f.Stage != FollowUpStage.Implemented || f.ConfirmationRequested))
            .ToListAsync(cancellationToken);
        var today = clock.Today();
        var open = rows.OrderBy(r => r.Deadline).ThenBy(r => r.RecommendationNumber, StringComparer.Ordinal).Select(r => new OpenFollowUp
        {
            Name = FollowUpNames.Format(r.RecommendationId, r.RegionCode),
            RecommendationNumber = r.RecommendationNumber,
            Stage = r.Stage,
            Deadline = r.Deadline.ToProto(),
            DaysToDeadline = r.Deadline.DayNumber - today.DayNumber,
            Overdue = r.Overdue,
            ConfirmationRequested = r.ConfirmationRequested,
            NextStep = Stages.NextStep(r.Stage, r.ConfirmationRequested),
        }).ToList();
        return new GetRegionOverviewResponse
        {
            RegionCode = regionCode,
            RegionName = RegionName(regionCode),
            OpenFollowUps = { open },
            NextDue = open.FirstOrDefault(o => !Stages.IsDecided(o.Stage) || o.ConfirmationRequested),
        };
    }

    public async Task<GetNationalOverviewResponse> NationalAsync(int year, CancellationToken cancellationToken)
    {
        var recommendations = await PublishedIn(year, cancellationToken);
        var ids = recommendations.Select(r => r.RecommendationId).ToList();
        var rows = (await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.RecommendationId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.RecommendationId);
        var lines = recommendations.Select(r => Progress(r, [.. rows[r.RecommendationId]])).ToList();
        var all = rows.SelectMany(g => g).ToList();
        var allDays = recommendations.SelectMany(r => DaysToDecision(r, rows[r.RecommendationId])).ToList();
        var response = new GetNationalOverviewResponse
        {
            Recommendations = { lines },
            ShareDecided = all.Count == 0 ? 0 : (double)all.Count(f => Stages.IsDecided(f.Stage)) / all.Count,
        };
        if (EqualityMeasures.Median(allDays) is { } median)
        {
            response.MedianDaysToDecision = median;
        }

        return response;
    }

    /// <summary>The recommendations first published in <paramref name="year"/> (Swedish time), all for 0, by publication.</summary>
    public async Task<List<RecommendationRecord>> PublishedIn(int year, CancellationToken cancellationToken)
    {
        var query = db.Recommendations.AsNoTracking();
        if (year > 0)
        {
            var (from, to) = (SwedishTime.StartOf(new DateOnly(year, 1, 1)).UtcDateTime, SwedishTime.StartOf(new DateOnly(year + 1, 1, 1)).UtcDateTime);
            query = query.Where(r => r.FirstPublishedAt >= from && r.FirstPublishedAt < to);
        }

        return (await query.ToListAsync(cancellationToken)).OrderBy(r => r.FirstPublishedAt).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    public static RecommendationProgress Progress(RecommendationRecord r, IReadOnlyCollection<FollowUpRecord> rows)
    {
        var decided = rows.Count(f => Stages.IsDecided(f.Stage));
        var progress = new RecommendationProgress
        {
            RecommendationId = r.RecommendationId.ToString(),
            RecommendationNumber = r.Number,
            PublishTime = FollowUpMapping.Utc(r.FirstPublishedAt),
            Deadline = r.Deadline.ToProto(),
            RegionsDecided = decided,
            RegionsTotal = rows.Count,
            ShareDecided = rows.Count == 0 ? 0 : (double)decided / rows.Count,
            RegionsFollowing = rows.Count(f => f.Decision == RegionalDecision.Follows),
            RegionsFollowingInPart = rows.Count(f => f.Decision == RegionalDecision.FollowsInPart),
            RegionsNotFollowing = rows.Count(f => f.Decision == RegionalDecision.DoesNotFollow),
            RegionsOverdue = rows.Count(f => f.Overdue),
        };
        if (EqualityMeasures.Median([.. DaysToDecision(r, rows)]) is { } median)
        {
            progress.MedianDaysToDecision = median;
        }

        return progress;
    }

    public string RegionName(string code) => catalog.FindRegion(code)?.Name ?? code;

    public async Task<RecommendationRecord> Recommendation(Guid recommendationId, CancellationToken cancellationToken) =>
        await db.Recommendations.AsNoTracking().SingleOrDefaultAsync(r => r.RecommendationId == recommendationId, cancellationToken)
        ?? throw new NotFoundException($"recommendations/{recommendationId}/followUps");

    private static IEnumerable<double> DaysToDecision(RecommendationRecord r, IEnumerable<FollowUpRecord> rows) =>
        rows.Where(f => f.DecidedOn is not null).Select(f => (double)LeadTimes.DaysToDecision(r.FirstPublishedAt, f.DecidedOn!.Value));
}
