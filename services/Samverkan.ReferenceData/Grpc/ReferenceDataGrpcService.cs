using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Samverkan.Common.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ReferenceData.Population;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.ReferenceData.Grpc;

/// <summary>Serves the reference data; any authenticated caller reads, operators import populations.</summary>
[Authorize]
public sealed class ReferenceDataGrpcService(ReferenceDataCatalog catalog, PopulationRegistry populations) : ReferenceDataService.ReferenceDataServiceBase
{
    public override async Task<ListRegionsResponse> ListRegions(ListRegionsRequest request, ServerCallContext context)
    {
        var current = await populations.GetCurrentAsync(context.CancellationToken);
        return new ListRegionsResponse { Regions = { catalog.Regions.Select(r => r.ToProto(current.GetValueOrDefault(r.Code))) } };
    }

    public override async Task<GetRegionResponse> GetRegion(GetRegionRequest request, ServerCallContext context)
    {
        var v = new Validation();
        v.Required(request.Code, "code", 2);
        v.ThrowIfInvalid();
        var region = catalog.FindRegion(request.Code) ?? throw new NotFoundException($"regions/{request.Code}");
        var current = await populations.GetCurrentAsync(context.CancellationToken);
        return new GetRegionResponse { Region = region.ToProto(current.GetValueOrDefault(region.Code)) };
    }

    public override Task<ListHealthcareRegionsResponse> ListHealthcareRegions(ListHealthcareRegionsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListHealthcareRegionsResponse { HealthcareRegions = { catalog.HealthcareRegions.Select(h => h.ToProto()) } });

    public override Task<ListProcurementRegionsResponse> ListProcurementRegions(ListProcurementRegionsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListProcurementRegionsResponse { ProcurementRegions = { catalog.ProcurementRegions.Select(p => p.ToProto()) } });

    public override Task<ListProgrammeAreasResponse> ListProgrammeAreas(ListProgrammeAreasRequest request, ServerCallContext context) =>
        Task.FromResult(new ListProgrammeAreasResponse { ProgrammeAreas = { catalog.ProgrammeAreas.Select(p => p.ToProto()) } });

    [Authorize(Roles = Roles.Operator)]
    public override async Task<ImportPopulationResponse> ImportPopulation(ImportPopulationRequest request, ServerCallContext context)
    {
        var v = new Validation();
        v.Required(request.ScbCsv, ScbPopulationFile.Field, 2_000_000);
        v.Required(request.Source, "source", 500);
        v.ThrowIfInvalid();
        var figures = ScbPopulationFile.Parse(request.ScbCsv, request.Source.Trim(), catalog);
        var (updated, unchanged) = await populations.ImportAsync(figures, context.Caller().ToActor().Subject, context.CancellationToken);
        return new ImportPopulationResponse { UpdatedRegionCodes = { updated }, UnchangedRegionCodes = { unchanged } };
    }
}
