namespace Samverkan.Eventing.Timers;

/// <summary>
/// Acts when a timer of its <see cref="Kind"/> is due. It works in the context it is given: its changes and any events it
/// adds to the outbox commit together with the timer being marked fired.
/// </summary>
public interface ITimerHandler<in TContext> where TContext : OutboxDbContext
{
    string Kind { get; }

    Task FireAsync(TContext db, ScheduledTimer timer, CancellationToken cancellationToken);
}
