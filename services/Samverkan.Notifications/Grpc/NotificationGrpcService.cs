using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Notifications.Grpc;

/// <summary>The notifications contract.</summary>
[Authorize]
public sealed class NotificationGrpcService(NotificationsDbContext db) : NotificationService.NotificationServiceBase
{
    public override async Task<ListFeedItemsResponse> ListFeedItems(ListFeedItemsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 50, 500);
        v.Check(request.AfterCursor >= 0, "after_cursor", "must not be negative");
        v.ThrowIfInvalid();

        var items = await db.FeedItems.AsNoTracking()
            .Where(i => i.Cursor > request.AfterCursor)
            .OrderBy(i => i.Cursor)
            .Take(pageSize)
            .ToListAsync(context.CancellationToken);
        return new ListFeedItemsResponse
        {
            FeedItems =
            {
                items.Select(i => new FeedItem
                {
                    Cursor = i.Cursor,
                    EventId = i.EventId,
                    EventType = i.EventType,
                    Title = i.Title,
                    CaseId = i.CaseId,
                    OccurTime = Timestamp.FromDateTime(DateTime.SpecifyKind(i.OccurredAt, DateTimeKind.Utc)),
                }),
            },
        };
    }
}
