using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ReferenceData.Population;

namespace Samverkan.FollowUp.Grpc;

/// <summary>Uptake per 100,000 inhabitants and the equality measures, every one of the 21 regions accounted for.</summary>
public sealed class UptakeQueries(FollowUpDbContext db, PopulationRegistry populations, ReferenceDataCatalog catalog, IOptions<FollowUpOptions> options)
{
    public async Task<GetUptakeMeasuresResponse> MeasuresAsync(Guid recommendationId, int year, int quarter, UptakeMeasure measure, CancellationToken cancellationToken)
    {
        var figures = await db.UptakeFigures.AsNoTracking()
            .Where(u => u.RecommendationId == recommendationId && u.Year == year && u.Quarter == quarter && u.Measure == measure)
            .ToDictionaryAsync(u => u.RegionCode, cancellationToken);
        var current = await populations.GetCurrentAsync(cancellationToken);
        var factor = options.Value.OutlierFactor;
        var result = EqualityMeasures.Compute(
            [.. figures.Values.Select(f => new RegionFigure(f.RegionCode, f.Value, current.TryGetValue(f.RegionCode, out var p) ? p.Inhabitants : null))],
            factor);

        var response = new GetUptakeMeasuresResponse
        {
            RegionsMeasured = result.RatesPer100k.Count,
            OutlierFactor = factor,
            OutlierRegionCodes = { result.Outliers },
            RegionsWithoutPopulation = { result.WithoutPopulation },
        };
        if (result.NationalRatePer100k is { } national)
        {
            response.NationalRatePer100K = national;
        }

        if (result.CoefficientOfVariation is { } cv)
        {
            response.CoefficientOfVariation = cv;
        }

        if (result.MaxMinRatio is { } ratio)
        {
            response.MaxMinRatio = ratio;
        }

        foreach (var region in catalog.Regions)
        {
            response.Regions.Add(Line(region, figures.GetValueOrDefault(region.Code), current.GetValueOrDefault(region.Code), result));
        }

        return response;
    }

    /// <summary>The latest quarter and measure any region reported for the recommendation, patients treated first; null when none.</summary>
    public async Task<(int Year, int Quarter, UptakeMeasure Measure)?> LatestPeriodAsync(Guid recommendationId, CancellationToken cancellationToken)
    {
        var latest = await db.UptakeFigures.AsNoTracking().Where(u => u.RecommendationId == recommendationId)
            .OrderByDescending(u => u.Year).ThenByDescending(u => u.Quarter).ThenBy(u => u.Measure)
            .Select(u => new { u.Year, u.Quarter, u.Measure }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : (latest.Year, latest.Quarter, latest.Measure);
    }

    private static RegionUptake Line(RegionInfo region, UptakeFigureRecord? figure, PopulationInfo? population, EqualityResult result)
    {
        var line = new RegionUptake
        {
            RegionCode = region.Code,
            RegionName = region.Name,
            Reported = figure is not null,
            Value = figure?.Value ?? 0,
            PopulationKnown = population is not null,
            Population = population?.Inhabitants ?? 0,
            PopulationAsOf = population?.AsOf.ToProto(),
            Outlier = result.Outliers.Contains(region.Code),
        };
        if (result.RatesPer100k.TryGetValue(region.Code, out var rate))
        {
            line.RatePer100K = rate;
            if (result.NationalRatePer100k is { } national && national > 0)
            {
                line.RatioToNational = rate / national;
            }
        }

        line.Note = (figure, population) switch
        {
            (_, null) => $"population not set for region {region.Code}",
            (null, _) => "no figure reported for the period",
            _ => string.Empty,
        };
        return line;
    }
}
