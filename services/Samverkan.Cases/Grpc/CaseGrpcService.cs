using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Cases.Grpc;

/// <summary>The cases contract: validates, calls the product's grain (or the read model for lists), maps the answer.</summary>
[Authorize]
public sealed class CaseGrpcService(IGrainFactory grains, ReferenceDataCatalog catalog, CaseQueries queries, TimeProvider clock)
    : CaseService.CaseServiceBase
{
    [Authorize(Roles = $"{Roles.PreparationGroup},{Roles.RegionContact}")]
    public override async Task<RegisterProductResponse> RegisterProduct(RegisterProductRequest request, ServerCallContext context)
    {
        var command = RegisterProductValidation.Validate(request, context.Caller(), catalog);
        var snapshot = await grains.GetGrain<IProductGrain>(CaseIds.FromRequestId(command.RequestId)).RegisterAsync(command);
        return new RegisterProductResponse { Case = snapshot.ToProto() };
    }

    public override async Task<GetCaseResponse> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var caseId = CaseName(request.Name);
        var snapshot = await Product(caseId).GetAsync() ?? throw new NotFoundException(request.Name);
        return new GetCaseResponse { Case = snapshot.ToProto() };
    }

    public override Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context) =>
        queries.ListCasesAsync(request, context.CancellationToken);

    public override async Task<ListCaseTimelineResponse> ListCaseTimeline(ListCaseTimelineRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var caseId = v.ResourceId(request.Name, CaseMapping.Collection, "name");
        var pageSize = v.PageSize(request.PageSize, 100, 500);
        var after = v.PageToken(request.PageToken, 1);
        var skip = 0;
        if (after is [var offset])
        {
            v.Check(int.TryParse(offset, System.Globalization.CultureInfo.InvariantCulture, out skip) && skip > 0, "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();
        // The timeline only grows at its end, so an offset is a stable position in it.
        var timeline = await Product(caseId).GetTimelineAsync();
        var response = new ListCaseTimelineResponse { Entries = { timeline.Skip(skip).Take(pageSize).Select(e => e.ToProto()) } };
        if (timeline.Count > skip + pageSize)
        {
            response.NextPageToken = Paging.Encode((skip + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    [Authorize(Roles = $"{Roles.PreparationGroup},{Roles.RegionContact}")]
    public override async Task<NominateCaseResponse> NominateCase(NominateCaseRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.Nominate(request, context.Caller());
        return new NominateCaseResponse { Case = (await Product(caseId).NominateAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<PrioritiseCaseResponse> PrioritiseCase(PrioritiseCaseRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.Prioritise(request, context.Caller());
        return new PrioritiseCaseResponse { Case = (await Product(caseId).PrioritiseAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<AcceptCaseResponse> AcceptCase(AcceptCaseRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.Accept(request, context.Caller());
        return new AcceptCaseResponse { Case = (await Product(caseId).AcceptAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<DeclineCaseResponse> DeclineCase(DeclineCaseRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.Decline(request, context.Caller());
        return new DeclineCaseResponse { Case = (await Product(caseId).DeclineAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<OrderAssessmentResponse> OrderAssessment(OrderAssessmentRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.OrderAssessment(request, context.Caller(), clock);
        await EnsureAssessmentIdIsThisCasesAsync(caseId, command.AssessmentId, context.CancellationToken);
        return new OrderAssessmentResponse { Case = (await Product(caseId).OrderAssessmentAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<RecordAssessmentDeliveryResponse> RecordAssessmentDelivery(RecordAssessmentDeliveryRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.RecordDelivery(request, context.Caller());
        return new RecordAssessmentDeliveryResponse { Case = (await Product(caseId).RecordAssessmentDeliveryAsync(command)).ToProto() };
    }

    public override Task<ListOverdueAssessmentsResponse> ListOverdueAssessments(ListOverdueAssessmentsRequest request, ServerCallContext context) =>
        queries.ListOverdueAssessmentsAsync(request, context.CancellationToken);

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<MarkReadyForCouncilResponse> MarkReadyForCouncil(MarkReadyForCouncilRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.MarkReady(request, context.Caller());
        return new MarkReadyForCouncilResponse { Case = (await Product(caseId).MarkReadyForCouncilAsync(command)).ToProto() };
    }

    [Authorize(Roles = Roles.PreparationGroup)]
    public override async Task<CloseCaseResponse> CloseCase(CloseCaseRequest request, ServerCallContext context)
    {
        var (caseId, command) = CommandValidation.Close(request, context.Caller());
        return new CloseCaseResponse { Case = (await Product(caseId).CloseAsync(command)).ToProto() };
    }

    /// <summary>
    /// The request id becomes the assessment's id, which is unique across cases: reusing one from another case would
    /// otherwise be stored in the grain and then fail in the overdue list. The read model holds every ordered
    /// assessment by the time its call returns, so a reuse after that is found here.
    /// </summary>
    private async Task EnsureAssessmentIdIsThisCasesAsync(Guid caseId, Guid assessmentId, CancellationToken cancellationToken)
    {
        if (await queries.CaseOfAssessmentAsync(assessmentId, cancellationToken) is { } other && other != caseId)
        {
            throw new InvalidRequestException([new FieldProblem("request_id", "is already the id of an assessment of another case; choose a new UUID per order")]);
        }
    }

    private IProductGrain Product(Guid caseId) => grains.GetGrain<IProductGrain>(caseId);

    private static Guid CaseName(string name)
    {
        var v = new Validation();
        var caseId = v.ResourceId(name, CaseMapping.Collection, "name");
        v.ThrowIfInvalid();
        return caseId;
    }
}
