namespace Samverkan.Eventing.Outbox;

/// <summary>How the relay hands stored events to the bus (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for events when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first retry delay after the bus refused an event; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long published events stay in the outbox for inspection before they are removed.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
