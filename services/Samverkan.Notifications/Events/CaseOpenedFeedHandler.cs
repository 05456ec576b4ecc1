using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Events;

/// <summary>A newly opened case appears in the feed, once however often the event is delivered.</summary>
public sealed class CaseOpenedFeedHandler(NotificationsDbContext db, TimeProvider clock) : IEventHandler<CaseOpened>
{
    public Task HandleAsync(IncomingEvent<CaseOpened> incoming, CancellationToken cancellationToken) =>
        db.AddOnceAsync(clock, nameof(CaseOpenedFeedHandler), incoming.Id, CaseOpened.Descriptor.FullName,
            $"New case: {incoming.Data.ProductDisplayName} ({incoming.Data.Manufacturer})", incoming.Data.CaseId, incoming.Time, cancellationToken);
}
