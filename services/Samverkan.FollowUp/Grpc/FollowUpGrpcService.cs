using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.FollowUp.Grpc;

/// <summary>The follow-up contract.</summary>
[Authorize]
public sealed partial class FollowUpGrpcService(
    FollowUpDbContext db,
    ReferenceDataCatalog catalog,
    FollowUpValidation validation,
    FollowUpQueries queries,
    UptakeQueries uptake,
    YearlyReport report,
    IGrainFactory grains,
    TimeProvider clock) : FollowUpService.FollowUpServiceBase
{
    public override async Task<ListFollowUpsResponse> ListFollowUps(ListFollowUpsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 21, 100);
        Guid? recommendationId = request.RecommendationId.Length > 0 ? v.Uuid(request.RecommendationId, "recommendation_id") : null;
        Guid? caseId = request.CaseId.Length > 0 ? v.Uuid(request.CaseId, "case_id") : null;
        if (request.RegionCode.Length > 0)
        {
            v.Check(catalog.FindRegion(request.RegionCode) is not null, "region_code", "must be the two-digit code of one of the 21 regions");
        }

        v.Check(recommendationId is not null || caseId is not null || request.RegionCode.Length > 0,
            "recommendation_id", "one of recommendation_id, case_id or region_code is required");
        var after = v.PageToken(request.PageToken, 2);
        v.ThrowIfInvalid();

        var query = db.FollowUps.AsNoTracking();
        query = recommendationId is { } r ? query.Where(f => f.RecommendationId == r) : query;
        query = caseId is { } c ? query.Where(f => f.CaseId == c) : query;
        query = request.RegionCode.Length > 0 ? query.Where(f => f.RegionCode == request.RegionCode) : query;
        if (after is [var afterRecommendation, var afterRegion])
        {
            var id = Guid.Parse(afterRecommendation);
            query = query.Where(f => f.RecommendationId.CompareTo(id) > 0 || (f.RecommendationId == id && f.RegionCode.CompareTo(afterRegion) > 0));
        }

        var page = await query.OrderBy(f => f.RecommendationId).ThenBy(f => f.RegionCode).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListFollowUpsResponse { FollowUps = { page.Take(pageSize).Select(f => f.ToProto(queries.RegionName(f.RegionCode), null, [])) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.RecommendationId.ToString(), last.RegionCode);
        }

        return response;
    }
}
