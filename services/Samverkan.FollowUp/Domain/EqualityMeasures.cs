namespace Samverkan.FollowUp.Domain;

/// <summary>One region's figure with its population; <see cref="Population"/> is null when no figure is known.</summary>
public sealed record RegionFigure(string RegionCode, double Value, long? Population);

/// <summary>How unequal uptake is across the regions that reported a figure and have a population.</summary>
public sealed record EqualityResult(
    IReadOnlyDictionary<string, double> RatesPer100k,
    double? NationalRatePer100k,
    double? CoefficientOfVariation,
    double? MaxMinRatio,
    IReadOnlyList<string> Outliers,
    IReadOnlyList<string> WithoutPopulation);

/// <summary>
/// The equality measures of the follow-up: rates per 100,000 inhabitants; the national rate (all measured values over
/// all measured inhabitants, so large regions weigh by their size); the coefficient of variation (population standard
/// deviation of the regions' rates over their mean, each region counting once); the highest rate over the lowest; and
/// the regions whose rate is above the national rate times the factor or below it divided by the factor.
/// </summary>
public static class EqualityMeasures
{
    public const double PerInhabitants = 100_000;

    public static EqualityResult Compute(IReadOnlyList<RegionFigure> figures, double outlierFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(outlierFactor, 1.0);
        var measured = figures.Where(f => f.Population is > 0).ToList();
        var rates = measured.ToDictionary(f => f.RegionCode, f => f.Value / f.Population!.Value * PerInhabitants);
        var withoutPopulation = figures.Where(f => f.Population is not > 0).Select(f => f.RegionCode).Order(StringComparer.Ordinal).ToList();
        if (measured.Count == 0)
        {
            return new EqualityResult(rates, null, null, null, [], withoutPopulation);
        }

        var national = measured.Sum(f => f.Value) / measured.Sum(f => (double)f.Population!.Value) * PerInhabitants;
        var mean = rates.Values.Average();
        var deviation = Math.Sqrt(rates.Values.Sum(r => (r - mean) * (r - mean)) / rates.Count);
        double? cv = mean > 0 ? deviation / mean : null;
        var (max, min) = (rates.Values.Max(), rates.Values.Min());
        double? ratio = rates.Count >= 2 && min > 0 ? max / min : null;
        var outliers = national > 0
            ? rates.Where(r => r.Value > national * outlierFactor || r.Value < national / outlierFactor).Select(r => r.Key).Order(StringComparer.Ordinal).ToList()
            : [];
        return new EqualityResult(rates, national, cv, ratio, outliers, withoutPopulation);
    }

    /// <summary>The median; null for no values.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
