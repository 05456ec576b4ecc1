using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Events;

/// <summary>A published recommendation appears in the feed, once however often the event is delivered.</summary>
public sealed class RecommendationPublishedFeedHandler(NotificationsDbContext db, TimeProvider clock) : IEventHandler<RecommendationPublished>
{
    public Task HandleAsync(IncomingEvent<RecommendationPublished> incoming, CancellationToken cancellationToken)
    {
        var r = incoming.Data.Recommendation ?? new RecommendationSnapshot();
        return db.AddOnceAsync(clock, nameof(RecommendationPublishedFeedHandler), incoming.Id, RecommendationPublished.Descriptor.FullName,
            $"Recommendation {r.Number} published: {r.ProductDisplayName}, {r.Outcome}", r.CaseId, incoming.Time, cancellationToken);
    }
}
