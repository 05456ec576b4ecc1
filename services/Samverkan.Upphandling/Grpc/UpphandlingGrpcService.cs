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
    public override async Task<DecidePurchasingStrategyResponse> DecidePurchasingStrategy(DecidePurchasingStrategyRequest request, ServerCallContext context) =>
        new DecidePurchasingStrategyResponse { CoordinationItem = (await worklist.DecideAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<RegisterContractResponse> RegisterContract(RegisterContractRequest request, ServerCallContext context) =>
        new RegisterContractResponse { Contract = (await contracts.RegisterAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    public override async Task<GetRecommendationContractsResponse> GetRecommendationContracts(GetRecommendationContractsRequest request, ServerCallContext context)
    {
        var (item, regions) = await contracts.CoverageAsync(request.RecommendationId, context.CancellationToken);
        return new GetRecommendationContractsResponse { RecommendationNumber = item.RecommendationNumber, Regions = { regions.Select(Mapping.ToProto) } };
    }

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CreateDynamicPurchasingSystemResponse> CreateDynamicPurchasingSystem(CreateDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        new CreateDynamicPurchasingSystemResponse { DynamicPurchasingSystem = (await systems.CreateAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    public override async Task<GetDynamicPurchasingSystemResponse> GetDynamicPurchasingSystem(GetDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        new GetDynamicPurchasingSystemResponse { DynamicPurchasingSystem = (await systems.GetAsync(request.Name, context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<PublishDynamicPurchasingSystemResponse> PublishDynamicPurchasingSystem(PublishDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        new PublishDynamicPurchasingSystemResponse { DynamicPurchasingSystem = (await systems.PublishAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CloseDynamicPurchasingSystemResponse> CloseDynamicPurchasingSystem(CloseDynamicPurchasingSystemRequest request, ServerCallContext context) =>
        new CloseDynamicPurchasingSystemResponse { DynamicPurchasingSystem = (await systems.CloseAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<SubmitSupplierApplicationResponse> SubmitSupplierApplication(SubmitSupplierApplicationRequest request, ServerCallContext context) =>
        new SubmitSupplierApplicationResponse { SupplierApplication = (await qualification.SubmitAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today()) };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<ExtendQualificationAssessmentResponse> ExtendQualificationAssessment(ExtendQualificationAssessmentRequest request, ServerCallContext context) =>
        new ExtendQualificationAssessmentResponse { SupplierApplication = (await qualification.ExtendAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today()) };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<DecideQualificationResponse> DecideQualification(DecideQualificationRequest request, ServerCallContext context) =>
        new DecideQualificationResponse { SupplierApplication = (await qualification.DecideAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today()) };

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
    public override async Task<CreateCallOffResponse> CreateCallOff(CreateCallOffRequest request, ServerCallContext context) =>
        new CreateCallOffResponse { CallOff = (await callOffs.CreateAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<RecordTenderResponse> RecordTender(RecordTenderRequest request, ServerCallContext context) =>
        new RecordTenderResponse { CallOff = (await callOffs.RecordTenderAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<AwardCallOffResponse> AwardCallOff(AwardCallOffRequest request, ServerCallContext context) =>
        new AwardCallOffResponse { CallOff = (await callOffs.AwardAsync(request, context.Caller(), context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<CreateInnovationProcurementResponse> CreateInnovationProcurement(CreateInnovationProcurementRequest request, ServerCallContext context) =>
        new CreateInnovationProcurementResponse { InnovationProcurement = (await innovation.CreateAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today()) };

    public override async Task<GetInnovationProcurementResponse> GetInnovationProcurement(GetInnovationProcurementRequest request, ServerCallContext context) =>
        new GetInnovationProcurementResponse { InnovationProcurement = (await innovation.GetAsync(request.Name, context.CancellationToken)).ToProto(clock.Today()) };

    [Authorize(Roles = Roles.ProcurementCoordinator)]
    public override async Task<AdvanceInnovationPhaseResponse> AdvanceInnovationPhase(AdvanceInnovationPhaseRequest request, ServerCallContext context) =>
        new AdvanceInnovationPhaseResponse { InnovationProcurement = (await innovation.AdvanceAsync(request, context.Caller(), context.CancellationToken)).ToProto(clock.Today()) };

    public override async Task<GetProductProcurementResponse> GetProductProcurement(GetProductProcurementRequest request, ServerCallContext context) =>
        new GetProductProcurementResponse { ProductProcurement = await products.GetAsync(request.CaseId, context.CancellationToken) };
}
