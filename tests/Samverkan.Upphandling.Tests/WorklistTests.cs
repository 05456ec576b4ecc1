using Grpc.Core;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

public sealed class WorklistTests(UpphandlingFactory factory) : IClassFixture<UpphandlingFactory>
{
    private readonly UpphandlingService.UpphandlingServiceClient _upphandling = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task The_coordinator_reads_the_worklist()
    {
        var response = await _upphandling.ListCoordinationItemsAsync(new ListCoordinationItemsRequest(), TestTokens.As(Roles.ProcurementCoordinator));
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task A_region_contact_does_not_read_the_coordinators_worklist()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _upphandling.ListCoordinationItemsAsync(
            new ListCoordinationItemsRequest(), TestTokens.As(Roles.RegionContact, "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_foreign_page_token_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _upphandling.ListCoordinationItemsAsync(
            new ListCoordinationItemsRequest { PageToken = "bm90IGEgdG9rZW4" }, TestTokens.As(Roles.ProcurementCoordinator)).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(error.FieldViolations()).Field);
    }
}
