using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Events;

/// <summary>Adds an event's feed item once, however often the event is delivered.</summary>
internal static class FeedItems
{
    public static async Task AddOnceAsync(this NotificationsDbContext db, TimeProvider clock, string handler, string eventId, string eventType,
        string title, string caseId, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (!await db.IsFirstDeliveryAsync(eventId, handler, clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        db.FeedItems.Add(new FeedItemRecord
        {
            EventId = eventId,
            EventType = eventType,
            Title = title,
            CaseId = caseId,
            OccurredAt = occurredAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
