using Google.Protobuf;
using Samverkan.Eventing.Timers;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Events;

/// <summary>A due reminder becomes a notification like any event's, committed with the timer's fired mark so it is sent once.</summary>
public sealed class ReminderTimerHandler(Notices notices, TimeProvider clock, DeliveryDispatcher dispatcher) : ITimerHandler<NotificationsDbContext>
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public string Kind => ReminderScheduler.TimerKind;

    public async Task FireAsync(NotificationsDbContext db, ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var reminder = Parser.Parse<DeadlineReminder>(timer.Data ?? "{}");
        var now = clock.GetUtcNow();
        await db.AddNotificationAsync($"reminder/{timer.Id}/{timer.DueAt.Ticks}", DeadlineReminder.Descriptor.FullName, notices.Reminder(reminder),
            now, JsonFormatter.Default.Format(reminder), now, cancellationToken);
        // The timer runner commits; the dispatcher also polls, so waking it early only saves a poll interval.
        dispatcher.Wake();
    }
}
