using Samverkan.ReferenceData.Catalog;

namespace Samverkan.Platform.Tests.ReferenceData;

/// <summary>The shipped data files say what the reference data (with its sources) says.</summary>
public sealed class CatalogTests
{
    private static readonly ReferenceDataCatalog Catalog = ReferenceDataCatalog.Load(Path.Combine(AppContext.BaseDirectory, "ReferenceData"));

    [Fact]
    public void There_are_21_regions_each_with_a_healthcare_region_a_procurement_region_and_a_source()
    {
        Assert.Equal(21, Catalog.Regions.Count);
        Assert.All(Catalog.Regions, r =>
        {
            Assert.NotEmpty(r.HealthcareRegionCodes);
            Assert.NotEmpty(r.ProcurementRegionCode);
            Assert.NotEmpty(r.Source);
        });
        Assert.Equal("Region Halland", Catalog.FindRegion("13")!.Name);
    }

    [Fact]
    public void Halland_belongs_to_both_Sodra_and_Vastra()
    {
        Assert.Equal(["sodra", "vastra"], Catalog.FindRegion("13")!.HealthcareRegionCodes);
        Assert.Contains("13", Catalog.FindHealthcareRegion("sodra")!.RegionCodes);
        Assert.Contains("13", Catalog.FindHealthcareRegion("vastra")!.RegionCodes);
    }

    [Fact]
    public void The_six_healthcare_regions_have_their_members_and_Mellansverige_its_former_name()
    {
        Assert.Equal(6, Catalog.HealthcareRegions.Count);
        Assert.Equal(["03", "04", "17", "18", "19", "20", "21"], Catalog.FindHealthcareRegion("mellansverige")!.RegionCodes);
        Assert.Equal("Uppsala-Örebro", Catalog.FindHealthcareRegion("mellansverige")!.FormerName);
        Assert.Equal(["22", "23", "24", "25"], Catalog.FindHealthcareRegion("norra")!.RegionCodes);
        Assert.Equal(["01", "09"], Catalog.FindHealthcareRegion("stockholm-gotland")!.RegionCodes);
    }

    [Fact]
    public void The_eight_procurement_regions_do_not_follow_the_healthcare_regions()
    {
        var members = Catalog.ProcurementRegions.ToDictionary(p => p.Code, p => string.Join(' ', p.RegionCodes));
        Assert.Equal(new Dictionary<string, string>
        {
            ["A"] = "22 23 24 25",
            ["B"] = "03 19 20 21",
            ["C"] = "01",
            ["D"] = "04 09 17 18",
            ["E"] = "14",
            ["F"] = "05 06 08",
            ["G"] = "07 10 13",
            ["H"] = "12",
        }, members);
    }

    [Fact]
    public void The_programme_areas_are_the_22_of_the_2017_proposal()
    {
        Assert.Equal(22, Catalog.ProgrammeAreas.Count);
        Assert.Equal("Hjärta/kärl", Catalog.FindProgrammeArea("hjarta-karl")!.Name);
    }

    [Fact]
    public void Populations_are_shipped_with_date_and_source_and_four_regions_have_none()
    {
        var shipped = Catalog.ShippedPopulations.ToDictionary(p => p.RegionCode);
        Assert.Equal(17, shipped.Count);
        Assert.Equal(2_473_307, shipped["01"].Inhabitants);
        Assert.Equal(new DateOnly(2024, 12, 31), shipped["01"].AsOf);
        Assert.Equal(new DateOnly(2023, 12, 31), shipped["13"].AsOf);
        Assert.All(["04", "09", "21", "22"], code => Assert.False(shipped.ContainsKey(code)));
        Assert.All(shipped.Values, p => Assert.NotEmpty(p.Source));
    }

    [Fact]
    public void An_inconsistent_file_stops_the_load_with_the_reason()
    {
        var directory = Directory.CreateTempSubdirectory("samverkan-catalog-");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ReferenceData")))
            {
                File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
            }

            File.AppendAllText(Path.Combine(directory.FullName, "regions.csv"), "26,Region Ingenstans,nowhere,Z,test\n");
            var error = Assert.Throws<InvalidDataException>(() => ReferenceDataCatalog.Load(directory.FullName));
            Assert.Contains("unknown healthcare region 'nowhere'", error.Message, StringComparison.Ordinal);
            Assert.Contains("unknown procurement region 'Z'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
