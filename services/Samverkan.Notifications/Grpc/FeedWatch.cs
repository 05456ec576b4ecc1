using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Grpc;

/// <summary>
/// A feed subscription's notifications after a cursor, then each new one as it is stored. The cursor is the delivery's
/// sequence, which only grows, so resuming after the last cursor seen misses nothing and repeats nothing.
/// </summary>
internal static class FeedWatch
{
    private const int PageSize = 100;

    /// <summary>How long to wait for a wake-up before looking again: deliveries stored by another instance wake no one here.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task StreamAsync(NotificationsDbContext db, DeliveryDispatcher dispatcher, Guid subscriptionId, long afterCursor,
        IServerStreamWriter<WatchNotificationsResponse> stream, CancellationToken cancellationToken)
    {
        var cursor = afterCursor;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before the query, so a delivery stored while it runs still wakes the wait below.
            var stored = dispatcher.WaitForStoredAsync(Poll, cancellationToken);
            var page = await db.Deliveries.AsNoTracking().Include(d => d.FeedItem)
                .Where(d => d.SubscriptionId == subscriptionId && d.Sequence > cursor)
                .OrderBy(d => d.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var delivery in page)
            {
                await stream.WriteAsync(new WatchNotificationsResponse { Cursor = delivery.Sequence, Item = delivery.FeedItem!.ToProto() }, cancellationToken);
                cursor = delivery.Sequence;
            }

            if (page.Count < PageSize)
            {
                try
                {
                    await stored;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
