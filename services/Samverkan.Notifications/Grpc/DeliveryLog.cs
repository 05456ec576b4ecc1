using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Notifications.Grpc;

/// <summary>The delivery log: by subscription, event and status, newest first; each caller sees their own subscriptions', an operator all.</summary>
internal static class DeliveryLog
{
    public static async Task<ListDeliveriesResponse> ListAsync(NotificationsDbContext db, ListDeliveriesRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var subscriptionId = r.Subscription.Length > 0 ? v.ResourceId(r.Subscription, NotificationMapping.Subscriptions, "subscription") : (Guid?)null;
        v.MaxLength(r.EventId, "event_id", 64);
        v.Check(r.Status == DeliveryStatus.Unspecified || Enum.IsDefined(r.Status), "status", "must be a known delivery status or unset");
        var pageSize = v.PageSize(r.PageSize, 50, 500);
        var before = long.MaxValue;
        if (v.PageToken(r.PageToken, 1) is [var sequence])
        {
            v.Check(long.TryParse(sequence, CultureInfo.InvariantCulture, out before), "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();
        var query = db.Deliveries.AsNoTracking().Include(d => d.FeedItem).Where(d => d.Sequence < before);
        if (!caller.IsInRole(Roles.Operator))
        {
            var owner = caller.FindFirstValue(ClaimNames.Subject) ?? string.Empty;
            query = query.Where(d => db.Subscriptions.Any(s => s.Id == d.SubscriptionId && s.Owner == owner));
        }

        if (subscriptionId is { } id)
        {
            query = query.Where(d => d.SubscriptionId == id);
        }

        if (r.EventId.Length > 0)
        {
            query = query.Where(d => d.EventId == r.EventId);
        }

        if (r.Status != DeliveryStatus.Unspecified)
        {
            query = query.Where(d => d.Status == r.Status);
        }

        var page = await query.OrderByDescending(d => d.Sequence).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListDeliveriesResponse { Deliveries = { page.Take(pageSize).Select(d => d.ToProto()) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Paging.Encode(page[pageSize - 1].Sequence.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }
}
