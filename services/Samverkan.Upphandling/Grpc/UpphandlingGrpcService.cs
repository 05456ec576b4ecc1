using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Procurement;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Grpc;

/// <summary>
/// The upphandling contract: the coordinator, operators and the preparation group read; only the procurement coordinator
/// changes anything. Each method hands the request to the procurement code the coordinator's pages use too.
/// </summary>
[Authorize(Roles = $"{Roles.ProcurementCoordinator},{Roles.Operator},{Roles.PreparationGroup}")]
public sealed class UpphandlingGrpcService(
    Worklist worklist,
    ContractRegister contracts,
    PurchasingSystems systems,
    Qualification qualification,
    CallOffs callOffs,
    InnovationProcurements innovation,
    ProductProcurementQuery products,
    TimeProvider clock) : UpphandlingService.UpphandlingServiceBase
{
    public override async Task<ListCoordinationItemsResponse> ListCoordinationItems(ListCoordinationItemsRequest request, ServerCallContext context)
    {
        var (items, next) = await worklist.ListAsync(request.PageSize, request.PageToken, context.CancellationToken);
        return new ListCoordinationItemsResponse { CoordinationItems = { items.Select(Mapping.ToProto) }, NextPageToken = next };
    }

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CoordinationItem> DecidePurchasingStrategy(DecidePurchasingStrategyRequest request, ServerCallContext context) =>
        (await worklist.DecideAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<Contract> RegisterContract(RegisterContractRequest request, ServerCallContext context) =>
        (await contracts.RegisterAsync(request, context.CancellationToken)).ToProto();

    public override async Task<GetRecommendationContractsResponse> GetRecommendationContracts(GetRecommendationContractsRequest request, ServerCallContext context)
    {
        var (item, regions) = await contracts.CoverageAsync(request.RecommendationId, context.CancellationToken);
        return new GetRecommendationContractsResponse { RecommendationNumber = item.RecommendationNumber, Regions = { regions.Select(Mapping.ToProto) } };
    }

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<DynamicPurchasingSystem> CreateDynamicPurchasingSystem(CreateDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        (await systems.CreateAsync(request, context.CancellationToken)).ToProto();

    public override async Task<DynamicPurchasingSystem> GetDynamicPurchasingSystem(GetDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        (await systems.GetAsync(request.Name, context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<DynamicPurchasingSystem> PublishDynamicPurchasingSystem(PublishDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        (await systems.PublishAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<DynamicPurchasingSystem> CloseDynamicPurchasingSystem(CloseDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        (await systems.CloseAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<SupplierApplication> SubmitSupplierApplication(SubmitSupplierApplicationRequest request, ServerCallContext context) =>
        (await qualification.SubmitAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today());

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<SupplierApplication> ExtendQualificationAssessment(ExtendQualificationAssessmentRequest request, ServerCallContext context) =>
        (await qualification.ExtendAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today());

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<SupplierApplication> DecideQualification(DecideQualificationRequest request, ServerCallContext context) =>
        (await qualification.DecideAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today());

    public override async Task<ListSupplierApplicationsResponse> ListSupplierApplications(ListSupplierApplicationsRequest request, ServerCallContext context)
    {
        var (applications, next) = await qualification.ListAsync(request, context.CancellationToken);
        var today = clock.Today();
        return new ListSupplierApplicationsResponse { Applications = { applications.Select(a => a.ToProto(today)) }, NextPageToken = next };
    }

    public override async Task<ListApplicationsNearingDueDateResponse> ListApplicationsNearingDueDate(ListApplicationsNearingDueDateRequest request, ServerCallContext context)
    {
        var applications = await qualification.NearingDueDateAsync(request.WithinWorkingDays, context.CancellationToken);
        var today = clock.Today();
        return new ListApplicationsNearingDueDateResponse { Applications = { applications.Select(a => a.ToProto(today)) } };
    }

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CallOff> CreateCallOff(CreateCallOffRequest request, ServerCallContext context) =>
        (await callOffs.CreateAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CallOff> RecordTender(RecordTenderRequest request, ServerCallContext context) =>
        (await callOffs.RecordTenderAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CallOff> AwardCallOff(AwardCallOffRequest request, ServerCallContext context) =>
        (await callOffs.AwardAsync(request, context.Caller(), context.CancellationToken)).ToProto();

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<InnovationProcurement> CreateInnovationProcurement(CreateInnovationProcurementRequest request, ServerCallContext context) =>
        (await innovation.CreateAsync(request, context.CancellationToken)).ToProto(clock.Today());

    public override async Task<InnovationProcurement> GetInnovationProcurement(GetInnovationProcurementRequest request, ServerCallContext context) =>
        (await innovation.GetAsync(request.Name, context.CancellationToken)).ToProto(clock.Today());

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<InnovationProcurement> AdvanceInnovationPhase(AdvanceInnovationPhaseRequest request, ServerCallContext context) =>
        (await innovation.AdvanceAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today());

    public override Task<ProductProcurement> GetProductProcurement(GetProductProcurementRequest request, ServerCallContext context) =>
        products.GetAsync(request.CaseId, context.CancellationToken);
}
