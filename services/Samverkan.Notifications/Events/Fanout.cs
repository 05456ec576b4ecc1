using Microsoft.EntityFrameworkCore;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Events;

/// <summary>Adds a notification and one delivery per matching subscription to the unit of work; the caller commits.</summary>
internal static class Fanout
{
    public static async Task AddNotificationAsync(this NotificationsDbContext db, string eventId, string type, Notice notice, DateTimeOffset occurred,
        string dataJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = new FeedItemRecord
        {
            EventId = eventId,
            EventType = type,
            Title = Truncate(notice.Title, 300),
            Summary = Truncate(notice.Summary, 4000),
            CaseId = notice.CaseId,
            OccurredAt = occurred.UtcDateTime,
            DataJson = dataJson,
        };
        db.FeedItems.Add(item);

        var candidates = await db.Subscriptions.AsNoTracking()
            .Where(s => s.UnsubscribedAt == null && s.EventTypes.Contains(type))
            .ToListAsync(cancellationToken);
        foreach (var subscription in candidates.Where(s => s.Matches(notice)))
        {
            db.Deliveries.Add(new DeliveryRecord
            {
                Id = Guid.CreateVersion7(now),
                SubscriptionId = subscription.Id,
                FeedItem = item,
                EventId = eventId,
                EventType = type,
                Channel = subscription.Channel,
                Recipient = subscription.Address,
                // A feed delivery is delivered by being stored: WatchNotifications reads it from here.
                Status = subscription.Channel == Channel.Feed ? DeliveryStatus.Sent : DeliveryStatus.Pending,
                SentAt = subscription.Channel == Channel.Feed ? now.UtcDateTime : null,
                CreatedAt = now.UtcDateTime,
                NextAttemptAt = DigestSchedule.NextSend(subscription.Cadence, now).UtcDateTime,
            });
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
