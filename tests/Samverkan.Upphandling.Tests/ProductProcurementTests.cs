using Samverkan.Common.V1;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

public sealed class ProductProcurementTests
{
    [Fact]
    public async Task The_product_view_gathers_every_activity_touching_the_product_and_nothing_else()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var other = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var system = await factory.PublishedSystemAsync(recommendation.RecommendationId);
        await factory.PublishedSystemAsync(other.RecommendationId);
        var contract = (await client.RegisterContractAsync(new RegisterContractRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Contract = new Contract
            {
                RegionCode = "13",
                SupplierName = "Acme",
                SupplierOrganisationNumber = Steps.Acme,
                ProductArea = "Sensorer",
                CaseIds = { recommendation.CaseId },
                StartDate = new Date { Year = 2026, Month = 1, Day = 1 },
                EndDate = new Date { Year = 2028, Month = 1, Day = 1 },
            },
        }, Steps.Coordinator)).Contract;

        var view = (await client.GetProductProcurementAsync(new GetProductProcurementRequest { CaseId = recommendation.CaseId }, Steps.Coordinator)).ProductProcurement;

        Assert.Equal([recommendation.RecommendationId], view.CoordinationItems.Select(i => i.RecommendationId));
        Assert.Equal([system.SystemId], view.DynamicPurchasingSystems.Select(s => s.SystemId));
        Assert.Equal([contract.ContractId], view.Contracts.Select(c => c.ContractId));
        Assert.Empty(view.InnovationProcurements);
    }
}
