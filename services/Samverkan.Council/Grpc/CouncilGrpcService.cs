using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Council.Data;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;
using CommonDate = Samverkan.Common.V1.Date;

namespace Samverkan.Council.Grpc;

/// <summary>The council contract.</summary>
[Authorize]
public sealed class CouncilGrpcService(CouncilDbContext db) : CouncilService.CouncilServiceBase
{
    private static readonly string[] CouncilRoles = [Roles.CouncilSecretary, Roles.CouncilMember, Roles.PreparationGroup];

    public override async Task<ListRecommendationsResponse> ListRecommendations(ListRecommendationsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 20, 100);
        Guid? caseId = request.CaseId.Length > 0 ? v.Uuid(request.CaseId, "case_id") : null;
        var after = v.PageToken(request.PageToken, 3);
        v.ThrowIfInvalid();

        var caller = context.Caller();
        var query = db.Recommendations.AsNoTracking();
        if (!CouncilRoles.Any(caller.IsInRole))
        {
            // Drafts are the council's own; everyone else sees what has been published.
            query = query.Where(r => r.State != RecommendationState.Draft);
        }

        if (caseId is { } id)
        {
            query = query.Where(r => r.CaseId == id);
        }

        if (after is [var updated, var recommendation, var version])
        {
            var updatedAt = DateTime.Parse(updated, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var recommendationId = Guid.Parse(recommendation);
            var versionNumber = int.Parse(version, CultureInfo.InvariantCulture);
            query = query.Where(r => r.UpdatedAt < updatedAt
                || (r.UpdatedAt == updatedAt && (r.RecommendationId.CompareTo(recommendationId) < 0
                    || (r.RecommendationId == recommendationId && r.Version < versionNumber))));
        }

        var page = await query.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.RecommendationId).ThenByDescending(r => r.Version)
            .Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListRecommendationsResponse { Recommendations = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), last.RecommendationId.ToString(), last.Version.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static Recommendation ToProto(RecommendationRecord r) => new()
    {
        Name = $"recommendations/{r.RecommendationId}/versions/{r.Version}",
        RecommendationId = r.RecommendationId.ToString(),
        Number = r.Number,
        Version = r.Version,
        CaseId = r.CaseId.ToString(),
        ProductDisplayName = r.ProductDisplayName,
        Outcome = r.Outcome,
        Level = r.Level,
        HealthcareRegionCodes = { r.HealthcareRegions.Split('|', StringSplitOptions.RemoveEmptyEntries) },
        State = r.State,
        FollowUpDeadline = new CommonDate { Year = r.FollowUpDeadline.Year, Month = r.FollowUpDeadline.Month, Day = r.FollowUpDeadline.Day },
        ReviewDate = new CommonDate { Year = r.ReviewDate.Year, Month = r.ReviewDate.Month, Day = r.ReviewDate.Day },
        PublishTime = r.PublishedAt is { } published ? Timestamp.FromDateTime(DateTime.SpecifyKind(published, DateTimeKind.Utc)) : null,
    };
}
