namespace Samverkan.Notifications.Sending;

/// <summary>
/// Exponential backoff with jitter: after the n-th failure, a random delay between half and all of base·2^(n−1), capped,
/// so receivers that fail together are not all retried at the same instant.
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = baseDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        if (ceiling > maxDelay)
        {
            ceiling = maxDelay;
        }

        return ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
    }
}
