namespace Samverkan.Testing;

/// <summary>Waits for something asynchronous (an event reaching another module) with a hard time limit.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "the condition"} after {timeout ?? TimeSpan.FromSeconds(20)}.");
            }

            await Task.Delay(50);
        }
    }
}
