using Samverkan.Cases.Grpc;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>A product's grain state in PostgreSQL through Orleans' ADO.NET provider and our schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CasesOnPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_registered_product_is_read_back_by_a_restarted_service()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "cases", "Cases", "Orleans");
        var registration = new RegisterProductRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Product = new Product
            {
                DisplayName = "Pulsoximeter Aurora",
                Manufacturer = "Nordic Sense AB",
                Description = "Fingerpulsoximeter med Bluetooth för hemmonitorering.",
                Regulation = Regulation.Mdr,
                RiskClass = RiskClass.MdrIia,
                CeMarkingStatus = CeMarkingStatus.Marked,
                ProgrammeAreaCodes = { "andningsorgan" },
                Source = ProductSource.NordicPartner,
                SourceDetail = "Norge, Nye Metoder",
            },
        };

        Case registered;
        await using (var first = new ServiceFactory<CaseGrpcService>(settings))
        {
            registered = (await new CaseService.CaseServiceClient(first.CreateGrpcChannel())
                .RegisterProductAsync(registration, TestTokens.As(Roles.PreparationGroup))).Case;
        }

        settings["Silo:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Silo:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var second = new ServiceFactory<CaseGrpcService>(settings);
        var read = (await new CaseService.CaseServiceClient(second.CreateGrpcChannel())
            .GetCaseAsync(new GetCaseRequest { Name = registered.Name }, TestTokens.As(Roles.Operator))).Case;
        Assert.Equal(registered, read);
    }
}
