using Samverkan.ReferenceData.Catalog;
using Samverkan.ReferenceData.Population;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Platform.Tests.ReferenceData;

/// <summary>Reading SCB's BE0101N1 export as operators download it.</summary>
public sealed class ScbPopulationFileTests
{
    private static readonly ReferenceDataCatalog Catalog = ReferenceDataCatalog.Load(Path.Combine(AppContext.BaseDirectory, "ReferenceData"));

    [Fact]
    public void The_latest_year_of_each_region_counts_as_of_31_December()
    {
        const string Export = """
            "Folkmängden efter region och år"

            "region","2024","2025"
            "00 Riket",10587710,10601000
            "04 Södermanlands län",301000,302345
            "0114 Upplands Väsby",48000,48500
            "13 Hallands län",345000,..

            "Källa: SCB"
            """;

        var figures = ScbPopulationFile.Parse(Export, "SCB BE0101N1", Catalog);

        Assert.Equal(
            [new PopulationInfo("04", 302_345, new DateOnly(2025, 12, 31), "SCB BE0101N1"), new PopulationInfo("13", 345_000, new DateOnly(2024, 12, 31), "SCB BE0101N1")],
            figures);
    }

    [Fact]
    public void Semicolons_tabs_and_spaces_in_figures_are_read_too()
    {
        var figures = ScbPopulationFile.Parse("region;2025\n09 Gotlands län;61 500\n", "SCB", Catalog);
        Assert.Equal(61_500, Assert.Single(figures).Inhabitants);

        var tabbed = ScbPopulationFile.Parse("region\t2025\n21 Gävleborgs län\t287000\n", "SCB", Catalog);
        Assert.Equal("21", Assert.Single(tabbed).RegionCode);
    }

    [Theory]
    [InlineData("just some text", "scb_csv")]
    [InlineData("region,2025\n26 Påhittat län,1000\n", "scb_csv (line 2)")]
    [InlineData("region,2025\n13 Hallands län,many\n", "scb_csv (line 2)")]
    [InlineData("region,2025\n13 Hallands län,-5\n", "scb_csv (line 2)")]
    [InlineData("region,2025\n13 Hallands län,..\n", "scb_csv (line 2)")]
    [InlineData("region,2025\n00 Riket,1000\n", "scb_csv")]
    [InlineData("region,2025\n13 Hallands län,1000\n13 Hallands län,1001\n", "scb_csv")]
    public void A_file_that_is_not_a_region_table_is_refused_with_the_line(string text, string field)
    {
        var error = Assert.Throws<InvalidRequestException>(() => ScbPopulationFile.Parse(text, "SCB", Catalog));
        Assert.Contains(error.Problems, p => p.Field == field);
    }
}
