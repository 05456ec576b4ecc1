using System.Collections.Frozen;
using System.Globalization;

namespace Samverkan.ReferenceData.Catalog;

/// <summary>A region (county-level health-care provider).</summary>
public sealed record RegionInfo(string Code, string Name, IReadOnlyList<string> HealthcareRegionCodes, string ProcurementRegionCode, string Source);

/// <summary>A healthcare region (sjukvårdsregion); its members are the regions that name it.</summary>
public sealed record HealthcareRegionInfo(string Code, string Name, string FormerName, IReadOnlyList<string> RegionCodes, string Source);

/// <summary>A procurement region (upphandlingsregion), A–H.</summary>
public sealed record ProcurementRegionInfo(string Code, IReadOnlyList<string> RegionCodes, string Source);

/// <summary>A national programme area.</summary>
public sealed record ProgrammeAreaInfo(string Code, string Name, string Source);

/// <summary>A population figure with its date and source.</summary>
public sealed record PopulationInfo(string RegionCode, long Inhabitants, DateOnly AsOf, string Source);

/// <summary>
/// The reference data shipped as CSV files with a source on every row (<c>Files/</c>), loaded once at start-up.
/// Operators replace the files through <c>ReferenceData:Directory</c>; population figures are also imported at run time.
/// </summary>
public sealed class ReferenceDataCatalog
{
    private readonly FrozenDictionary<string, RegionInfo> _regions;
    private readonly FrozenDictionary<string, ProgrammeAreaInfo> _programmeAreas;
    private readonly FrozenDictionary<string, HealthcareRegionInfo> _healthcareRegions;

    private ReferenceDataCatalog(
        IReadOnlyList<RegionInfo> regions,
        IReadOnlyList<HealthcareRegionInfo> healthcareRegions,
        IReadOnlyList<ProcurementRegionInfo> procurementRegions,
        IReadOnlyList<ProgrammeAreaInfo> programmeAreas,
        IReadOnlyList<PopulationInfo> shippedPopulations)
    {
        Regions = regions;
        HealthcareRegions = healthcareRegions;
        ProcurementRegions = procurementRegions;
        ProgrammeAreas = programmeAreas;
        ShippedPopulations = shippedPopulations;
        _regions = regions.ToFrozenDictionary(r => r.Code);
        _programmeAreas = programmeAreas.ToFrozenDictionary(p => p.Code);
        _healthcareRegions = healthcareRegions.ToFrozenDictionary(h => h.Code);
    }

    /// <summary>The 21 regions, ordered by code.</summary>
    public IReadOnlyList<RegionInfo> Regions { get; }

    public IReadOnlyList<HealthcareRegionInfo> HealthcareRegions { get; }

    public IReadOnlyList<ProcurementRegionInfo> ProcurementRegions { get; }

    public IReadOnlyList<ProgrammeAreaInfo> ProgrammeAreas { get; }

    /// <summary>The population figures in the shipped file; imports may hold newer ones.</summary>
    public IReadOnlyList<PopulationInfo> ShippedPopulations { get; }

    public RegionInfo? FindRegion(string code) => _regions.GetValueOrDefault(code);

    public ProgrammeAreaInfo? FindProgrammeArea(string code) => _programmeAreas.GetValueOrDefault(code);

    public HealthcareRegionInfo? FindHealthcareRegion(string code) => _healthcareRegions.GetValueOrDefault(code);

    /// <summary>Loads the five files from <paramref name="directory"/>; an inconsistent file stops the host with a clear message.</summary>
    public static ReferenceDataCatalog Load(string directory)
    {
        string Read(string file) => File.ReadAllText(Path.Combine(directory, file));

        var regions = Csv.Records(Read("regions.csv"))
            .Select(r => new RegionInfo(r["code"], r["name"], r["healthcare_regions"].Split('|', StringSplitOptions.RemoveEmptyEntries), r["procurement_region"], r["source"]))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var healthcareRegions = Csv.Records(Read("healthcare-regions.csv"))
            .Select(r => new HealthcareRegionInfo(r["code"], r["name"], r["former_name"],
                [.. regions.Where(region => region.HealthcareRegionCodes.Contains(r["code"])).Select(region => region.Code)], r["source"]))
            .ToList();
        var procurementRegions = Csv.Records(Read("procurement-regions.csv"))
            .Select(r => new ProcurementRegionInfo(r["code"], [.. regions.Where(region => region.ProcurementRegionCode == r["code"]).Select(region => region.Code)], r["source"]))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var programmeAreas = Csv.Records(Read("programme-areas.csv"))
            .Select(r => new ProgrammeAreaInfo(r["code"], r["name"], r["source"]))
            .ToList();
        var populations = Csv.Records(Read("populations.csv"))
            .Where(r => r["inhabitants"].Length > 0)
            .Select(r => new PopulationInfo(r["region_code"], long.Parse(r["inhabitants"], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(r["as_of"], "yyyy-MM-dd", CultureInfo.InvariantCulture), r["source"]))
            .ToList();

        Validate(regions, healthcareRegions, procurementRegions, populations);
        return new ReferenceDataCatalog(regions, healthcareRegions, procurementRegions, programmeAreas, populations);
    }

    private static void Validate(List<RegionInfo> regions, List<HealthcareRegionInfo> healthcareRegions,
        List<ProcurementRegionInfo> procurementRegions, List<PopulationInfo> populations)
    {
        var problems = new List<string>();
        var healthcareCodes = healthcareRegions.Select(h => h.Code).ToHashSet();
        var procurementCodes = procurementRegions.Select(p => p.Code).ToHashSet();
        var regionCodes = regions.Select(r => r.Code).ToHashSet();
        foreach (var region in regions)
        {
            problems.AddRange(region.HealthcareRegionCodes.Where(c => !healthcareCodes.Contains(c)).Select(c => $"region {region.Code} names unknown healthcare region '{c}'"));
            if (!procurementCodes.Contains(region.ProcurementRegionCode))
            {
                problems.Add($"region {region.Code} names unknown procurement region '{region.ProcurementRegionCode}'");
            }
        }

        problems.AddRange(populations.Where(p => !regionCodes.Contains(p.RegionCode)).Select(p => $"population row for unknown region '{p.RegionCode}'"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException("Reference data is inconsistent: " + string.Join("; ", problems));
        }
    }
}
