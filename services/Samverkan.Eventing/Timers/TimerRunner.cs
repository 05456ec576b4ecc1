using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samverkan.Eventing.Timers;

/// <summary>
/// Fires a service's due timers. Due-ness is domain time (the injected clock, which tests move); the polling itself is
/// operational and runs on real time. A failed handler leaves its timer unfired, to be tried again after a delay.
/// </summary>
public sealed partial class TimerRunner<TContext>(
    IDbContextFactory<TContext> contexts,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<TimerOptions> options,
    ILogger<TimerRunner<TContext>> logger) : BackgroundService
    where TContext : OutboxDbContext
{
    private readonly TimerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunnerFailed(logger, ex, typeof(TContext).Name);
            }

            try
            {
                await Task.Delay(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Fires every timer due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Timers.Where(t => t.FiredAt == null && t.DueAt <= now)
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.Id)
                .Take(_options.BatchSize).ToListAsync(cancellationToken);
        }

        var fired = 0;
        foreach (var id in due)
        {
            fired += await FireAsync(id, now, cancellationToken) ? 1 : 0;
        }

        return fired;
    }

    private async Task<bool> FireAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timer = await db.Timers.SingleOrDefaultAsync(t => t.Id == id && t.FiredAt == null && t.DueAt <= now, cancellationToken);
        if (timer is null)
        {
            return false;
        }

        // A lease before the handler runs: one conditional update moves the timer's next attempt past now, so of two
        // runners polling at once (two replicas) only the one whose update matched fires it. If this runner dies
        // before it marks the timer fired, the lease runs out and the timer is tried again.
        var leased = await db.Timers.Where(t => t.Id == id && t.FiredAt == null && t.DueAt == timer.DueAt)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.DueAt, now + _options.RetryDelay), cancellationToken);
        if (leased == 0)
        {
            return false;
        }

        var handler = scope.ServiceProvider.GetServices<ITimerHandler<TContext>>().SingleOrDefault(h => h.Kind == timer.Kind);
        try
        {
            if (handler is null)
            {
                throw new InvalidOperationException($"No handler for timers of kind '{timer.Kind}'.");
            }

            await handler.FireAsync(db, timer, cancellationToken);
            timer.FiredAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimerFailed(logger, ex, timer.Kind, timer.Key);
            await using var retry = await contexts.CreateDbContextAsync(cancellationToken);
            await retry.Timers.Where(t => t.Id == id).ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Attempts, x => x.Attempts + 1)
                .SetProperty(x => x.LastError, ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message)
                .SetProperty(x => x.DueAt, now + _options.RetryDelay), cancellationToken);
            return false;
        }
    }

    [LoggerMessage(EventId = 1, EventName = "timer.failed", Level = LogLevel.Warning, Message = "Timer {Kind}/{Key} failed; it will be tried again")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string kind, string key);

    [LoggerMessage(EventId = 2, EventName = "timer.runner.failed", Level = LogLevel.Error, Message = "The timer runner of {Context} failed; it will try again")]
    private static partial void LogRunnerFailed(ILogger logger, Exception exception, string context);
}
