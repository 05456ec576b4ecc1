using Google.Protobuf;
using Microsoft.Extensions.Options;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Notifications.Events;

/// <summary>
/// Schedules reminders from the dates in other services' events as durable timers in this service's database, so they
/// fire after a restart too. A revision moves the timers of its recommendation (same keys) instead of adding more.
/// </summary>
public sealed class ReminderScheduler(NotificationsDbContext db, Notices notices, TimeProvider clock, IOptions<ReminderOptions> options)
    : IEventHandler<RecommendationPublished>, IEventHandler<RecommendationRevised>, IEventHandler<ProcurementStatusChanged>
{
    public const string TimerKind = "reminder";

    /// <summary>Reminders are sent in the Swedish morning of their day.</summary>
    private static readonly TimeSpan SendTime = TimeSpan.FromHours(7);

    public Task HandleAsync(IncomingEvent<RecommendationPublished> incoming, CancellationToken cancellationToken) =>
        ScheduleAsync(incoming.Id, incoming.Data.Recommendation, cancellationToken);

    public Task HandleAsync(IncomingEvent<RecommendationRevised> incoming, CancellationToken cancellationToken) =>
        ScheduleAsync(incoming.Id, incoming.Data.Recommendation, cancellationToken);

    public async Task HandleAsync(IncomingEvent<ProcurementStatusChanged> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        if (!await db.IsFirstDeliveryAsync(incoming.Id, nameof(ReminderScheduler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        if (e.Change is ProcurementChange.ApplicationReceived or ProcurementChange.QualificationExtended && e.DueDate is not null)
        {
            var reminder = new DeadlineReminder
            {
                Kind = ReminderKind.QualificationDecision,
                DueDate = e.DueDate,
                CaseId = e.CaseIds.FirstOrDefault() ?? string.Empty,
                ProcurementId = e.ProcurementId,
                Subject = e.Summary is { Length: > 0 } ? e.Summary : e.Title,
                ProgrammeAreaCodes = { e.ProgrammeAreaCodes },
                RegionCodes = { e.RegionCodes },
            };
            // One application's decision: the key names the event, an extension (a new event) adds its own reminder.
            await ScheduleAsync(reminder, $"qualification/{incoming.Id}", options.Value.Qualification, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ScheduleAsync(string eventId, RecommendationSnapshot? r, CancellationToken cancellationToken)
    {
        if (r is null || !await db.IsFirstDeliveryAsync(eventId, nameof(ReminderScheduler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        DeadlineReminder Reminder(ReminderKind kind, Date date) => new()
        {
            Kind = kind,
            DueDate = date,
            CaseId = r.CaseId,
            RecommendationId = r.RecommendationId,
            RecommendationNumber = r.Number,
            Subject = r.ProductDisplayName,
            ProgrammeAreaCodes = { r.ProgrammeAreaCodes },
            // A healthcare-regional recommendation's reminders reach the contact persons of its regions only.
            RegionCodes = { notices.RegionsOf(r) ?? [] },
        };

        if (r.FollowUpDeadline is { Year: > 0 } deadline)
        {
            await ScheduleAsync(Reminder(ReminderKind.FollowUpDeadline, deadline), $"follow-up/{r.RecommendationId}", options.Value.FollowUp, cancellationToken);
        }

        if (r.ReviewDate is { Year: > 0 } review)
        {
            await ScheduleAsync(Reminder(ReminderKind.ReviewDate, review), $"review/{r.RecommendationId}", options.Value.Review, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ScheduleAsync(DeadlineReminder reminder, string key, IReadOnlyList<int> daysBefore, CancellationToken cancellationToken)
    {
        var due = new DateOnly(reminder.DueDate.Year, reminder.DueDate.Month, reminder.DueDate.Day);
        foreach (var days in daysBefore.Distinct())
        {
            var at = SwedishTime.StartOf(due.AddDays(-days)) + SendTime;
            var timerKey = $"{key}/{days}";
            if (at <= clock.GetUtcNow())
            {
                // Too late for this one, e.g. a revision that moved the date closer: no reminder of a moment that has passed.
                await db.CancelTimerAsync(TimerKind, timerKey, cancellationToken);
                continue;
            }

            var data = reminder.Clone();
            data.DaysLeft = days;
            await db.ScheduleTimerAsync(TimerKind, timerKey, at, JsonFormatter.Default.Format(data), cancellationToken);
        }
    }
}
