using Samverkan.FollowUp.Domain;

namespace Samverkan.FollowUp.Tests;

public sealed class EqualityMeasuresTests
{
    [Fact]
    public void Rates_national_rate_cv_ratio_and_outliers_as_computed_by_hand()
    {
        // Rates 10, 20, 30, 40 per 100,000 (values over populations of 100,000, 200,000, 100,000 and 500,000).
        var result = EqualityMeasures.Compute(
            [new("A", 10, 100_000), new("B", 40, 200_000), new("C", 30, 100_000), new("D", 200, 500_000), new("E", 7, null)], 1.5);

        Assert.Equal([10.0, 20, 30, 40], result.RatesPer100k.Values.Order().Select(r => Math.Round(r, 9)));
        // National: (10 + 40 + 30 + 200) / 900,000 × 100,000 = 280 / 9 = 31.111.
        Assert.Equal(280.0 / 9, result.NationalRatePer100k!.Value, 9);
        // Mean 25; variance (225 + 25 + 25 + 225) / 4 = 125; sd 11.1803; CV 0.44721.
        Assert.Equal(Math.Sqrt(125) / 25, result.CoefficientOfVariation!.Value, 12);
        Assert.Equal(0.44721, result.CoefficientOfVariation!.Value, 5);
        Assert.Equal(4, result.MaxMinRatio!.Value, 12);
        // Outside [20.74, 46.67]: A (10) and B (20).
        Assert.Equal(["A", "B"], result.Outliers);
        Assert.Equal(["E"], result.WithoutPopulation);
    }

    [Fact]
    public void A_zero_rate_leaves_the_ratio_undefined_and_nothing_measured_leaves_every_measure_undefined()
    {
        var withZero = EqualityMeasures.Compute([new("A", 0, 100_000), new("B", 5, 100_000)], 2);
        Assert.Null(withZero.MaxMinRatio);
        Assert.Equal(1, withZero.CoefficientOfVariation!.Value, 12);

        var nothing = EqualityMeasures.Compute([new("A", 3, null)], 2);
        Assert.Equal((null, null, null), (nothing.NationalRatePer100k, nothing.CoefficientOfVariation, nothing.MaxMinRatio));
        Assert.Equal(["A"], nothing.WithoutPopulation);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(15, EqualityMeasures.Median([30, 10, 20, 5]));
        Assert.Equal(20, EqualityMeasures.Median([30, 10, 20]));
        Assert.Null(EqualityMeasures.Median([]));
    }
}
