using Grpc.Core;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>Only the procurement coordinator changes anything; a region's contact person does not even read.</summary>
public sealed class AuthorisationTests(UpphandlingFactory factory) : IClassFixture<UpphandlingFactory>
{
    private readonly UpphandlingService.UpphandlingServiceClient _upphandling = factory.Client();

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.RegionContact)]
    [InlineData(Roles.CouncilSecretary)]
    public async Task Every_change_but_the_coordinators_is_PermissionDenied_and_nothing_is_written(string role)
    {
        var token = TestTokens.As(role, "13");
        var c = _upphandling;
        Func<Task>[] changes =
        [
            () => c.DecidePurchasingStrategyAsync(new(), token).ResponseAsync,
            () => c.RegisterContractAsync(new(), token).ResponseAsync,
            () => c.CreateDynamicPurchasingSystemAsync(new(), token).ResponseAsync,
            () => c.PublishDynamicPurchasingSystemAsync(new(), token).ResponseAsync,
            () => c.CloseDynamicPurchasingSystemAsync(new(), token).ResponseAsync,
            () => c.SubmitSupplierApplicationAsync(new(), token).ResponseAsync,
            () => c.ExtendQualificationAssessmentAsync(new(), token).ResponseAsync,
            () => c.DecideQualificationAsync(new(), token).ResponseAsync,
            () => c.CreateCallOffAsync(new(), token).ResponseAsync,
            () => c.RecordTenderAsync(new(), token).ResponseAsync,
            () => c.AwardCallOffAsync(new(), token).ResponseAsync,
            () => c.CreateInnovationProcurementAsync(new(), token).ResponseAsync,
            () => c.AdvanceInnovationPhaseAsync(new(), token).ResponseAsync,
        ];
        var before = await factory.RowCountsAsync();

        foreach (var change in changes)
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(change)).StatusCode);
        }

        Assert.Equal(before, await factory.RowCountsAsync());
    }

    [Fact]
    public async Task A_region_contact_reads_none_of_it()
    {
        var token = TestTokens.As(Roles.RegionContact, "13");
        var c = _upphandling;
        Func<Task>[] reads =
        [
            () => c.ListCoordinationItemsAsync(new(), token).ResponseAsync,
            () => c.GetRecommendationContractsAsync(new(), token).ResponseAsync,
            () => c.GetDynamicPurchasingSystemAsync(new(), token).ResponseAsync,
            () => c.ListSupplierApplicationsAsync(new(), token).ResponseAsync,
            () => c.ListApplicationsNearingDueDateAsync(new(), token).ResponseAsync,
            () => c.GetInnovationProcurementAsync(new(), token).ResponseAsync,
            () => c.GetProductProcurementAsync(new(), token).ResponseAsync,
        ];

        foreach (var read in reads)
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(read)).StatusCode);
        }
    }
}
