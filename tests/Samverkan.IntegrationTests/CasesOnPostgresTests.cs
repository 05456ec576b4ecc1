using Samverkan.Cases.Grpc;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.IntegrationTests;

/// <summary>A product's grain state and cluster membership in PostgreSQL through Orleans' ADO.NET providers and our schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CasesOnPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_registered_product_is_read_back_by_a_restarted_service()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "cases", "Cases", "Orleans");
        var registration = Products.Registration("Pulsoximeter Aurora");

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

    [Fact]
    public async Task Two_silos_share_a_case_and_the_survivor_carries_it_on()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "cases-cluster", "Cases", "Orleans");
        await using var first = new ServiceFactory<CaseGrpcService>(settings);
        await using var second = new ServiceFactory<CaseGrpcService>(WithOwnSiloPorts(settings));
        var throughFirst = new CaseService.CaseServiceClient(first.CreateGrpcChannel());
        var throughSecond = new CaseService.CaseServiceClient(second.CreateGrpcChannel());
        var steps = new CaseSteps(throughFirst, TimeProvider.System);
        var otherSteps = new CaseSteps(throughSecond, TimeProvider.System);

        // Each change goes in through the silo that did not make the one before it.
        var registered = await steps.RegisterAsync("Sömnapnéskena Luna");
        var nominated = await otherSteps.NominateAsync(registered);
        var prioritised = await steps.PrioritiseAsync(nominated);
        var accepted = await otherSteps.AcceptAsync(prioritised);

        Assert.Equal(accepted, await steps.GetAsync(registered));
        Assert.Equal(accepted, await otherSteps.GetAsync(registered));
        var listed = await throughFirst.ListCasesAsync(new ListCasesRequest { Text = "Luna" }, TestTokens.As(Roles.Operator));
        Assert.Equal(accepted.Etag, Assert.Single(listed.Cases).Etag);

        await first.DisposeAsync();
        var ordered = await otherSteps.OrderAssessmentAsync(accepted);
        Assert.Equal(CaseState.InAssessment, ordered.State);
        Assert.Equal(["registered", "nominated", "prioritised", "accepted", "assessment-ordered"],
            (await throughSecond.ListCaseTimelineAsync(new ListCaseTimelineRequest { Name = registered.Name }, TestTokens.As(Roles.Operator)))
                .Entries.Select(e => e.Action));
    }

    private static Dictionary<string, string?> WithOwnSiloPorts(Dictionary<string, string?> settings) => new(settings)
    {
        ["Silo:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Silo:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
