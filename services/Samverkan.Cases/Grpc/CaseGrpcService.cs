using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Cases.Grpc;

/// <summary>The cases contract: validates, calls the product's grain, maps the answer.</summary>
[Authorize]
public sealed class CaseGrpcService(IGrainFactory grains, ReferenceDataCatalog catalog) : CaseService.CaseServiceBase
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
        var v = new Validation();
        var caseId = v.ResourceId(request.Name, CaseMapping.Collection, "name");
        v.ThrowIfInvalid();
        var snapshot = await grains.GetGrain<IProductGrain>(caseId).GetAsync()
            ?? throw new NotFoundException(request.Name);
        return new GetCaseResponse { Case = snapshot.ToProto() };
    }
}
