using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Events;

/// <summary>How <typeparamref name="TEvent"/> is told; registered once per consumed event type.</summary>
public sealed record NoticeFormat<TEvent>(Func<TEvent, Notice> Format);

/// <summary>
/// Turns an event into a notification and one delivery per matching subscription, in the same transaction as the
/// event's inbox mark: a redelivered event adds nothing, and a crash before the sender runs loses nothing.
/// </summary>
public sealed class NoticeHandler<TEvent>(NotificationsDbContext db, NoticeFormat<TEvent> format, TimeProvider clock, DeliveryDispatcher dispatcher)
    : IEventHandler<TEvent> where TEvent : IMessage<TEvent>
{
    /// <summary>One inbox name for every type: an event id is unique across types.</summary>
    internal const string InboxName = "notifications";

    public async Task HandleAsync(IncomingEvent<TEvent> incoming, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await db.IsFirstDeliveryAsync(incoming.Id, InboxName, now, cancellationToken))
        {
            return;
        }

        var notice = format.Format(incoming.Data);
        var type = incoming.Data.Descriptor.FullName;
        var item = new FeedItemRecord
        {
            EventId = incoming.Id,
            EventType = type,
            Title = Truncate(notice.Title, 300),
            Summary = Truncate(notice.Summary, 4000),
            CaseId = notice.CaseId,
            OccurredAt = (incoming.Time == DateTimeOffset.MinValue ? now : incoming.Time).UtcDateTime,
            DataJson = JsonFormatter.Default.Format(incoming.Data),
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
                EventId = incoming.Id,
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

        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
