using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

/// <summary>Reference data over gRPC, and population imports by operators.</summary>
public sealed class ReferenceDataServiceTests(FollowUpFactory factory) : IClassFixture<FollowUpFactory>
{
    private readonly ReferenceDataService.ReferenceDataServiceClient _referenceData = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task Regions_carry_their_memberships_and_population_or_none()
    {
        var regions = (await _referenceData.ListRegionsAsync(new ListRegionsRequest(), TestTokens.As(Roles.RegionContact, "13"))).Regions;

        Assert.Equal(21, regions.Count);
        var halland = regions.Single(r => r.Code == "13");
        Assert.Equal(["sodra", "vastra"], halland.HealthcareRegionCodes);
        Assert.Equal("G", halland.ProcurementRegionCode);
        Assert.Equal(343_746, halland.Population.Inhabitants);
        Assert.Equal(new Date { Year = 2023, Month = 12, Day = 31 }, halland.Population.AsOf);
        Assert.Null(regions.Single(r => r.Code == "22").Population);
    }

    [Fact]
    public async Task Healthcare_regions_procurement_regions_and_programme_areas_are_listed()
    {
        var caller = TestTokens.As(Roles.Public);
        Assert.Equal(6, (await _referenceData.ListHealthcareRegionsAsync(new ListHealthcareRegionsRequest(), caller)).HealthcareRegions.Count);
        Assert.Equal("ABCDEFGH", string.Concat((await _referenceData.ListProcurementRegionsAsync(new ListProcurementRegionsRequest(), caller)).ProcurementRegions.Select(p => p.Code)));
        Assert.Equal(22, (await _referenceData.ListProgrammeAreasAsync(new ListProgrammeAreasRequest(), caller)).ProgrammeAreas.Count);
    }

    [Fact]
    public async Task An_unknown_region_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _referenceData.GetRegionAsync(new GetRegionRequest { Code = "26" }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task An_operator_import_replaces_only_older_figures()
    {
        var result = await _referenceData.ImportPopulationAsync(new ImportPopulationRequest
        {
            ScbCsv = "\"region\",\"2023\",\"2025\"\n\"22 Västernorrlands län\",244000,245123\n\"01 Stockholms län\",2450000,..\n",
            Source = "SCB BE0101N1, hämtad 2026-02-21",
        }, TestTokens.As(Roles.Operator));

        Assert.Equal(["22"], result.UpdatedRegionCodes);
        Assert.Equal(["01"], result.UnchangedRegionCodes);
        var vasternorrland = (await _referenceData.GetRegionAsync(new GetRegionRequest { Code = "22" }, TestTokens.As(Roles.Operator))).Region;
        Assert.Equal(245_123, vasternorrland.Population.Inhabitants);
        Assert.Equal("SCB BE0101N1, hämtad 2026-02-21", vasternorrland.Population.Source);
        var stockholm = (await _referenceData.GetRegionAsync(new GetRegionRequest { Code = "01" }, TestTokens.As(Roles.Operator))).Region;
        Assert.Equal(2_473_307, stockholm.Population.Inhabitants);
    }

    [Fact]
    public async Task Only_operators_import_populations()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _referenceData.ImportPopulationAsync(
            new ImportPopulationRequest { ScbCsv = "region,2025\n09 Gotlands län,61000\n", Source = "SCB" }, TestTokens.As(Roles.RegionContact, "09")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_bad_import_names_its_problems_and_changes_no_figure()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _referenceData.ImportPopulationAsync(new ImportPopulationRequest
        {
            ScbCsv = "region,2025\n21 Gävleborgs län,290000\n26 Påhittat län,1000\n",
            Source = "",
        }, TestTokens.As(Roles.Operator)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["source"], error.FieldViolations().Select(v => v.Field));

        var lineError = await Assert.ThrowsAsync<RpcException>(() => _referenceData.ImportPopulationAsync(new ImportPopulationRequest
        {
            ScbCsv = "region,2025\n21 Gävleborgs län,290000\n26 Påhittat län,1000\n",
            Source = "SCB",
        }, TestTokens.As(Roles.Operator)).ResponseAsync);
        Assert.Equal(["scb_csv (line 3)"], lineError.FieldViolations().Select(v => v.Field));
        var gavleborg = (await _referenceData.GetRegionAsync(new GetRegionRequest { Code = "21" }, TestTokens.As(Roles.Operator))).Region;
        Assert.Null(gavleborg.Population);
    }
}
