using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Council.Grpc;

/// <summary>The audit trail: how every decision is traced to the people behind it and their reasons.</summary>
public sealed partial class CouncilGrpcService
{
    [Authorize(Roles = MeetingReaders)]
    public override async Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var resource = AuditedResource(v, request.Resource);
        var pageSize = v.PageSize(request.PageSize, 100, 500);
        var after = v.PageToken(request.PageToken, 1);
        long afterId = 0;
        if (after is [var id])
        {
            v.Check(long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out afterId), "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();
        var children = resource + "/";
        var page = await db.AuditTrail.AsNoTracking()
            .Where(a => (a.Resource == resource || a.Resource.StartsWith(children)) && a.Id > afterId)
            .OrderBy(a => a.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListAuditRecordsResponse { AuditRecords = { page.Take(pageSize).Select(a => a.ToProto()) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Paging.Encode(page[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>The resource name in its canonical form (the id as this service writes it).</summary>
    private static string AuditedResource(Validation v, string resource)
    {
        if (resource.StartsWith("recommendations/", StringComparison.Ordinal))
        {
            var (id, version) = v.ParseRecommendation(resource, "resource", versionRequired: true);
            return v.IsValid ? CouncilNames.Recommendation(id, version!.Value) : string.Empty;
        }

        var collection = resource.StartsWith("members/", StringComparison.Ordinal) ? "members" : "meetings";
        var parsed = v.ResourceId(resource, collection, "resource");
        return collection == "members" ? CouncilNames.Member(parsed) : CouncilNames.Meeting(parsed);
    }
}
