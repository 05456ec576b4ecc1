using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Events;

/// <summary>A newly opened case appears in the feed, once however often the event is delivered.</summary>
public sealed class CaseOpenedFeedHandler(NotificationsDbContext db, TimeProvider clock) : IEventHandler<CaseOpened>
{
    public async Task HandleAsync(IncomingEvent<CaseOpened> incoming, CancellationToken cancellationToken)
    {
        if (!await db.IsFirstDeliveryAsync(incoming.Id, nameof(CaseOpenedFeedHandler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        db.FeedItems.Add(new FeedItemRecord
        {
            EventId = incoming.Id,
            EventType = CaseOpened.Descriptor.FullName,
            Title = $"New case: {incoming.Data.ProductDisplayName} ({incoming.Data.Manufacturer})",
            CaseId = incoming.Data.CaseId,
            OccurredAt = incoming.Time.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
