using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samverkan.Eventing.Outbox;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// Sends the stored deliveries that are due, each until it succeeds or dead-letters. An attempt first claims its row
/// (a lease in the database; the rows of all attempts started together in one transaction), so two instances never
/// send the same delivery at once. Attempts run in the background, at most
/// <see cref="DeliveryOptions.MaxConcurrencyPerSubscriber"/> per subscriber: a slow receiver holds only its own
/// slots while everyone else's deliveries go on. Due-ness is domain time (the injected clock); polling is real time.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IDbContextFactory<NotificationsDbContext> contexts,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private static readonly DeliveryStatus[] Attemptable = [DeliveryStatus.Pending, DeliveryStatus.Failed];

    private readonly DeliveryOptions _options = options.Value;

    // The same wake-up primitive as the outbox relay's: new deliveries and finished attempts wake the loop at once.
    private readonly OutboxSignal _wake = new();
    private readonly OutboxSignal _stored = new();
    private readonly Dictionary<Guid, int> _inFlight = [];
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency);

    /// <summary>Called when deliveries were stored: the loop looks for due ones, feed watchers for new ones.</summary>
    public void Wake()
    {
        _wake.Notify();
        _stored.Notify();
    }

    /// <summary>Completes when new deliveries are stored, or after <paramref name="timeout"/>.</summary>
    public Task WaitForStoredAsync(TimeSpan timeout, CancellationToken cancellationToken) => _stored.WaitAsync(timeout, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogHeld(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(logger, ex);
            }

            try
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and starts the due deliveries that free slots allow; returns how many attempts it started.</summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Guid[] busy;
        lock (_inFlight)
        {
            busy = [.. _inFlight.Where(s => s.Value >= _options.MaxConcurrencyPerSubscriber).Select(s => s.Key)];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Deliveries.AsNoTracking()
            .Where(d => Attemptable.Contains(d.Status) && d.Channel != Channel.Feed && d.NextAttemptAt <= now
                && (d.LockedUntil == null || d.LockedUntil < now) && !busy.Contains(d.SubscriptionId))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Sequence)
            .Select(d => new { d.Sequence, d.SubscriptionId })
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var planned = new List<(SubscriptionRecord Subscription, List<long> Sequences)>();
        foreach (var group in due.GroupBy(d => d.SubscriptionId))
        {
            var subscription = subscriptions[group.Key];
            var sequences = group.Select(d => d.Sequence).ToList();
            // A digest is one e-mail for everything due; otherwise each delivery is its own attempt.
            var jobs = subscription.Cadence is Cadence.DailyDigest or Cadence.WeeklyDigest && subscription.Channel == Channel.Email
                ? [sequences]
                : sequences.Select(s => new List<long> { s }).ToList();
            foreach (var job in jobs)
            {
                if (!TryTakeSlot(subscription.Id))
                {
                    break;
                }

                planned.Add((subscription, job));
            }
        }

        if (planned.Count == 0)
        {
            return 0;
        }

        HashSet<long> claimed;
        try
        {
            claimed = await ClaimAsync(db, planned.SelectMany(p => p.Sequences), now, cancellationToken);
        }
        catch
        {
            planned.ForEach(p => ReleaseSlot(p.Subscription.Id));
            throw;
        }

        var started = 0;
        foreach (var (subscription, sequences) in planned)
        {
            var mine = sequences.Where(claimed.Contains).ToList();
            if (mine.Count == 0)
            {
                ReleaseSlot(subscription.Id);
                continue;
            }

            started++;
            _ = Task.Run(() => AttemptAsync(subscription, mine, cancellationToken), CancellationToken.None);
        }

        return started;
    }

    /// <summary>
    /// Claims the rows of every planned attempt in one transaction. Each row's conditional update says whether this
    /// instance got it (another may have been first), and the one commit is the only write to the database file, where
    /// a claim per row was a write per delivery.
    /// </summary>
    private async Task<HashSet<long>> ClaimAsync(NotificationsDbContext db, IEnumerable<long> sequences, DateTime now, CancellationToken cancellationToken)
    {
        var lease = now + _options.WebhookTimeout + TimeSpan.FromMinutes(1);
        var claimed = new HashSet<long>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // In ascending order, so two instances claiming overlapping rows lock them in the same order and never deadlock.
        foreach (var sequence in sequences.Order())
        {
            var rows = await db.Deliveries
                .Where(d => d.Sequence == sequence && Attemptable.Contains(d.Status) && (d.LockedUntil == null || d.LockedUntil < now))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LockedUntil, lease), cancellationToken);
            if (rows == 1)
            {
                claimed.Add(sequence);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private async Task AttemptAsync(SubscriptionRecord subscription, List<long> sequences, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var deliveries = await db.Deliveries.Include(d => d.FeedItem).Where(d => sequences.Contains(d.Sequence))
                .OrderBy(d => d.Sequence).ToListAsync(cancellationToken);
            var current = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscription.Id, cancellationToken);
            string? error = null;
            try
            {
                if (current.UnsubscribedAt is null)
                {
                    await SendAsync(scope.ServiceProvider, current, deliveries, cancellationToken);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = ex is TaskCanceledException ? $"No answer within {_options.WebhookTimeout}." : ex.Message;
                LogAttemptFailed(logger, subscription.Id, deliveries.Count, error);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var delivery in deliveries)
            {
                Record(delivery, current, error, now);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and the delivery is tried again.
            LogLoopFailed(logger, ex);
        }
        finally
        {
            ReleaseSlot(subscription.Id);
            _wake.Notify();
        }
    }

    private static async Task SendAsync(IServiceProvider services, SubscriptionRecord subscription, List<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        if (subscription.Channel == Channel.Webhook)
        {
            await services.GetRequiredService<WebhookSender>().SendAsync(subscription, deliveries.Single(), cancellationToken);
        }
        else
        {
            await services.GetRequiredService<EmailSender>().SendAsync(subscription, deliveries, cancellationToken);
        }
    }

    private void Record(DeliveryRecord delivery, SubscriptionRecord subscription, string? error, DateTime now)
    {
        delivery.LockedUntil = null;
        if (subscription.UnsubscribedAt is not null)
        {
            delivery.Status = DeliveryStatus.Cancelled;
            return;
        }

        delivery.Attempts++;
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = now;
            delivery.LastError = null;
            return;
        }

        delivery.LastError = error.Length > 1000 ? error[..1000] : error;
        delivery.Status = delivery.Attempts >= _options.MaxAttempts ? DeliveryStatus.DeadLettered : DeliveryStatus.Failed;
        delivery.NextAttemptAt = now + Backoff.Delay(delivery.Attempts, _options.RetryBaseDelay, _options.MaxRetryDelay);
    }

    private bool TryTakeSlot(Guid subscriptionId)
    {
        lock (_inFlight)
        {
            if (_inFlight.GetValueOrDefault(subscriptionId) >= _options.MaxConcurrencyPerSubscriber || !_slots.Wait(0))
            {
                return false;
            }

            _inFlight[subscriptionId] = _inFlight.GetValueOrDefault(subscriptionId) + 1;
            return true;
        }
    }

    private void ReleaseSlot(Guid subscriptionId)
    {
        lock (_inFlight)
        {
            _slots.Release();
            if (--_inFlight[subscriptionId] == 0)
            {
                _inFlight.Remove(subscriptionId);
            }
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1, EventName = "delivery.attempt.failed", Level = LogLevel.Warning,
        Message = "Delivery to subscription {SubscriptionId} ({Count} notification(s)) failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid subscriptionId, int count, string reason);

    [LoggerMessage(EventId = 2, EventName = "delivery.loop.failed", Level = LogLevel.Error, Message = "The delivery dispatcher failed; it will try again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "delivery.held", Level = LogLevel.Warning,
        Message = "Outgoing deliveries are held (Notifications:Delivery:Enabled is false); they are stored and sent once enabled")]
    private static partial void LogHeld(ILogger logger);
}
