using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Grpc;

/// <summary>The upphandling contract.</summary>
[Authorize(Roles = $"{Roles.ProcurementCoordinator},{Roles.Operator},{Roles.PreparationGroup}")]
public sealed class UpphandlingGrpcService(UpphandlingDbContext db) : UpphandlingService.UpphandlingServiceBase
{
    public override async Task<ListCoordinationItemsResponse> ListCoordinationItems(ListCoordinationItemsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 20, 100);
        var after = v.PageToken(request.PageToken, 2);
        v.ThrowIfInvalid();

        var query = db.CoordinationItems.AsNoTracking();
        if (after is [var created, var item])
        {
            var createdAt = DateTime.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var itemId = Guid.Parse(item);
            query = query.Where(c => c.CreatedAt < createdAt || (c.CreatedAt == createdAt && c.ItemId.CompareTo(itemId) < 0));
        }

        var page = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.ItemId).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListCoordinationItemsResponse { CoordinationItems = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = Paging.Encode(last.CreatedAt.ToString("O", CultureInfo.InvariantCulture), last.ItemId.ToString());
        }

        return response;
    }

    private static CoordinationItem ToProto(CoordinationItemRecord c) => new()
    {
        Name = $"coordinationItems/{c.ItemId}",
        ItemId = c.ItemId.ToString(),
        RecommendationId = c.RecommendationId.ToString(),
        RecommendationNumber = c.RecommendationNumber,
        CaseId = c.CaseId.ToString(),
        Title = c.Title,
        State = c.State,
        CreateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc)),
    };
}
