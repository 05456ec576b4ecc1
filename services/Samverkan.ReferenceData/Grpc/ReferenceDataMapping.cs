using Samverkan.Common.V1;
using Samverkan.ReferenceData.Catalog;

namespace Samverkan.ReferenceData.Grpc;

internal static class ReferenceDataMapping
{
    public static Region ToProto(this RegionInfo region, PopulationInfo? population) => new()
    {
        Code = region.Code,
        Name = region.Name,
        HealthcareRegionCodes = { region.HealthcareRegionCodes },
        ProcurementRegionCode = region.ProcurementRegionCode,
        Population = population is null ? null : new PopulationFigure
        {
            Inhabitants = population.Inhabitants,
            AsOf = new Date { Year = population.AsOf.Year, Month = population.AsOf.Month, Day = population.AsOf.Day },
            Source = population.Source,
        },
        Source = region.Source,
    };

    public static HealthcareRegion ToProto(this HealthcareRegionInfo region) => new()
    {
        Code = region.Code,
        Name = region.Name,
        RegionCodes = { region.RegionCodes },
        FormerName = region.FormerName,
        Source = region.Source,
    };

    public static ProcurementRegion ToProto(this ProcurementRegionInfo region) => new()
    {
        Code = region.Code,
        RegionCodes = { region.RegionCodes },
        Source = region.Source,
    };

    public static ProgrammeArea ToProto(this ProgrammeAreaInfo area) => new() { Code = area.Code, Name = area.Name, Source = area.Source };
}
