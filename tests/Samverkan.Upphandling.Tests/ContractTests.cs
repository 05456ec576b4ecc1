using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

public sealed class ContractTests(UpphandlingFactory factory) : IClassFixture<UpphandlingFactory>
{
    private readonly UpphandlingService.UpphandlingServiceClient _upphandling = factory.Client();

    private static Contract ContractFor(string region, string caseId, Date end, params Date[] extensions) => new()
    {
        RegionCode = region,
        SupplierName = "Acme Medical AB",
        SupplierOrganisationNumber = "5566778899",
        ProductArea = "Glukossensorer",
        CaseIds = { caseId },
        StartDate = new Date { Year = 2025, Month = 1, Day = 1 },
        EndDate = end,
        ExtensionEndDates = { extensions },
    };

    [Fact]
    public async Task Per_region_the_view_shows_which_running_contract_covers_the_product_and_when_it_expires()
    {
        var recommendation = await factory.PublishRecommendationAsync();
        var request = new RegisterContractRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Contract = ContractFor("13", recommendation.CaseId, new Date { Year = 2027, Month = 12, Day = 31 }, new Date { Year = 2028, Month = 12, Day = 31 }),
        };
        var registered = (await _upphandling.RegisterContractAsync(request, Steps.Coordinator)).Contract;
        Assert.Equal("556677-8899", registered.SupplierOrganisationNumber);
        Assert.Equal([("contract.registered", "koordinator")], await factory.AuditAsync(registered.Name));
        Assert.Equal(registered.ContractId, ((await _upphandling.RegisterContractAsync(request, Steps.Coordinator)).Contract).ContractId);
        await _upphandling.RegisterContractAsync(new RegisterContractRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Contract = ContractFor("12", recommendation.CaseId, new Date { Year = 2026, Month = 12, Day = 31 }),
        }, Steps.Coordinator);
        var areaWide = ContractFor("01", Guid.NewGuid().ToString(), new Date { Year = 2029, Month = 6, Day = 30 });
        areaWide.CaseIds.Clear();
        areaWide.ProgrammeAreaCode = "endokrina-sjukdomar";
        await _upphandling.RegisterContractAsync(new RegisterContractRequest { RequestId = Guid.NewGuid().ToString(), Contract = areaWide }, Steps.Coordinator);

        var view = await _upphandling.GetRecommendationContractsAsync(
            new GetRecommendationContractsRequest { RecommendationId = recommendation.RecommendationId }, Steps.Coordinator);

        Assert.Equal(recommendation.Number, view.RecommendationNumber);
        Assert.Equal(21, view.Regions.Count);
        var halland = view.Regions.Single(r => r.RegionCode == "13");
        Assert.True(halland.Covered);
        Assert.Equal(new Date { Year = 2028, Month = 12, Day = 31 }, halland.ExpiryDate);
        var skane = view.Regions.Single(r => r.RegionCode == "12");
        Assert.False(skane.Covered);
        Assert.Single(skane.Contracts);
        Assert.Null(skane.ExpiryDate);
        Assert.True(view.Regions.Single(r => r.RegionCode == "01").Covered);
        Assert.Equal(18, view.Regions.Count(r => r.Contracts.Count == 0));
    }

    [Fact]
    public async Task Every_bad_field_of_a_contract_is_named_and_nothing_is_written()
    {
        var error = await factory.RefusedAsync(() => _upphandling.RegisterContractAsync(new RegisterContractRequest
        {
            RequestId = "x",
            Contract = new Contract
            {
                RegionCode = "02",
                SupplierName = "",
                SupplierOrganisationNumber = "556677-8898",
                ProductArea = "Sensorer",
                ProgrammeAreaCode = "okänt",
                CaseIds = { "nej" },
                StartDate = new Date { Year = 2027, Month = 2, Day = 1 },
                EndDate = new Date { Year = 2026, Month = 2, Day = 30 },
                ExtensionEndDates = { new Date { Year = 2028, Month = 1, Day = 1 }, new Date { Year = 2027, Month = 6, Day = 1 } },
            },
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(
            ["request_id", "contract.region_code", "contract.supplier_name", "contract.supplier_organisation_number", "contract.programme_area_code",
                "contract.case_ids[0]", "contract.end_date", "contract.extension_end_dates[1]"],
            error.Fields());
    }

    [Fact]
    public async Task An_unknown_recommendation_has_no_contract_view()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _upphandling.GetRecommendationContractsAsync(
            new GetRecommendationContractsRequest { RecommendationId = Guid.NewGuid().ToString() }, Steps.Coordinator).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
