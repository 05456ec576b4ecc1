namespace Samverkan.Notifications.Sending;

/// <summary>How deliveries are attempted (configuration section <c>Notifications:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Notifications:Delivery";

    /// <summary>Off holds every outgoing delivery (e.g. during a mail-server incident); events are still stored as deliveries.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many failed attempts a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The delay after the first failure; it doubles with each further failure, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A webhook receiver that has not answered by then has failed the attempt.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts under way at once, over all subscribers.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Attempts under way at once for one subscriber, so a slow receiver holds only its own slots.</summary>
    public int MaxConcurrencyPerSubscriber { get; set; } = 2;

    public int BatchSize { get; set; } = 200;

    /// <summary>How long the previous webhook secret keeps signing after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);
}
