namespace Samverkan.Eventing.Timers;

/// <summary>How often due timers are looked for (configuration section <c>Timers</c>).</summary>
public sealed class TimerOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The delay before a timer whose handler failed is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 100;
}
