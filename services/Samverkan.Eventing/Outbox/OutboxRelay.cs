using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samverkan.Eventing.Outbox;

/// <summary>
/// Relays a service's stored events to the bus in insertion order until the bus accepts each one.
/// A refused event is retried with exponential backoff; later events wait behind it so order is kept.
/// Time here is operational (retries, retention), so the relay reads the system clock, not the domain clock.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IDbContextFactory<TContext> contexts,
    IEventBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : OutboxDbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTime _lastCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batchWasFull = false;
            try
            {
                batchWasFull = await RelayBatchAsync(stoppingToken);
                await RemovePublishedAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRelayFailed(logger, ex, typeof(TContext).Name);
            }

            if (!batchWasFull)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch of due events; true when the batch was full and more may be waiting.</summary>
    public async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var pending = await db.Outbox
            .Where(m => m.PublishedAt == null)
            .OrderBy(m => m.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);

        var refused = false;
        foreach (var message in pending)
        {
            if (message.NextAttemptAt > now)
            {
                // The oldest unpublished event is waiting out its backoff; later ones wait behind it.
                refused = true;
                break;
            }

            message.Attempts++;
            try
            {
                await bus.PublishAsync(message.ToEnvelope(), cancellationToken);
                message.PublishedAt = DateTime.UtcNow;
                message.LastError = null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                message.NextAttemptAt = DateTime.UtcNow + RetryDelay(message.Attempts);
                LogPublishRefused(logger, message.EventId, message.Type, message.Attempts, ex.Message);
                refused = true;
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return !refused && pending.Count == _options.BatchSize;
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task RemovePublishedAsync(CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _lastCleanup < TimeSpan.FromHours(1))
        {
            return;
        }

        _lastCleanup = DateTime.UtcNow;
        var cutoff = _lastCleanup - _options.Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(m => m.PublishedAt != null && m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1, EventName = "outbox.publish.refused", Level = LogLevel.Warning,
        Message = "The bus refused event {EventId} ({EventType}) on attempt {Attempt}: {Reason}")]
    private static partial void LogPublishRefused(ILogger logger, string eventId, string eventType, int attempt, string reason);

    [LoggerMessage(EventId = 2, EventName = "outbox.relay.failed", Level = LogLevel.Error,
        Message = "The outbox relay of {Context} failed; it will try again")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string context);
}
