using Google.Protobuf;
using Samverkan.Eventing;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;

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

        await db.AddNotificationAsync(incoming.Id, incoming.Data.Descriptor.FullName, format.Format(incoming.Data),
            incoming.Time == DateTimeOffset.MinValue ? now : incoming.Time, JsonFormatter.Default.Format(incoming.Data), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
    }
}
