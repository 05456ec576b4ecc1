namespace Samverkan.Eventing.Timers;

/// <summary>
/// Something that must happen at a time — a deadline passing, a review date, a reminder — stored in the service's own
/// database so it fires after a restart too. Identified by its kind and a key unique within the kind.
/// </summary>
public sealed class ScheduledTimer
{
    public long Id { get; set; }

    /// <summary>What fires, e.g. <c>follow-up-overdue</c>; names the handler.</summary>
    public required string Kind { get; set; }

    /// <summary>Which one, e.g. <c>{recommendationId}/13</c>.</summary>
    public required string Key { get; set; }

    /// <summary>When it is due, in domain time (the injected clock).</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Set in the same transaction as the handler's effects, so a timer fires once.</summary>
    public DateTime? FiredAt { get; set; }

    /// <summary>Whatever the handler needs beyond the key, as text.</summary>
    public string? Data { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
