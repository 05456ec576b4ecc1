namespace Samverkan.Notifications.Events;

/// <summary>How many days before each kind of date a reminder is sent (configuration section <c>Notifications:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications:Reminders";

    /// <summary>Before a recommendation's follow-up deadline; 14 and 3 when unset.</summary>
    public int[]? FollowUpDaysBefore { get; set; }

    /// <summary>Before a recommendation's review date; 30 when unset.</summary>
    public int[]? ReviewDaysBefore { get; set; }

    /// <summary>Before a qualification decision on a supplier's application is due; 2 when unset.</summary>
    public int[]? QualificationDaysBefore { get; set; }

    public IReadOnlyList<int> FollowUp => FollowUpDaysBefore ?? [14, 3];

    public IReadOnlyList<int> Review => ReviewDaysBefore ?? [30];

    public IReadOnlyList<int> Qualification => QualificationDaysBefore ?? [2];
}
