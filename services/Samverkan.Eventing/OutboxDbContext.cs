using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing.Audit;
using Samverkan.Eventing.Inbox;
using Samverkan.Eventing.Outbox;
using Samverkan.Eventing.Timers;

namespace Samverkan.Eventing;

/// <summary>
/// Base of every service's DbContext: its outbox, inbox, timer and audit tables live in the service's own database, so an
/// event, a processed-event mark, a scheduled deadline or an audit entry commits in the same transaction as the change
/// it belongs to.
/// </summary>
public abstract class OutboxDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    public DbSet<ScheduledTimer> Timers => Set<ScheduledTimer>();

    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    /// <summary>Records who changed <paramref name="resource"/>, when and why, in this unit of work.</summary>
    public void Audit(AuditInfo audit, string resource, string action, string details = "") =>
        AuditTrail.Add(AuditEntry.From(audit, resource, action, details));

    /// <summary>Schedules (or moves) timer <paramref name="kind"/>/<paramref name="key"/> in this unit of work; a fired timer is re-armed.</summary>
    public async Task ScheduleTimerAsync(string kind, string key, DateTimeOffset dueAt, string? data, CancellationToken cancellationToken)
    {
        var timer = await Timers.SingleOrDefaultAsync(t => t.Kind == kind && t.Key == key, cancellationToken);
        if (timer is null)
        {
            timer = new ScheduledTimer { Kind = kind, Key = key };
            Timers.Add(timer);
        }

        timer.DueAt = dueAt.UtcDateTime;
        timer.Data = data;
        timer.FiredAt = null;
        timer.Attempts = 0;
        timer.LastError = null;
    }

    /// <summary>Removes timer <paramref name="kind"/>/<paramref name="key"/> in this unit of work, if it exists.</summary>
    public async Task CancelTimerAsync(string kind, string key, CancellationToken cancellationToken)
    {
        if (await Timers.SingleOrDefaultAsync(t => t.Kind == kind && t.Key == key, cancellationToken) is { } timer)
        {
            Timers.Remove(timer);
        }
    }

    /// <summary>Whether <paramref name="handler"/> already processed <paramref name="eventId"/>; if not, marks it for this unit of work.</summary>
    public async Task<bool> IsFirstDeliveryAsync(string eventId, string handler, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ProcessedEvents.AnyAsync(p => p.EventId == eventId && p.Handler == handler, cancellationToken))
        {
            return false;
        }

        ProcessedEvents.Add(new ProcessedEvent { EventId = eventId, Handler = handler, ProcessedAt = now.UtcDateTime });
        return true;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.HasIndex(m => new { m.PublishedAt, m.NextAttemptAt });
            outbox.Property(m => m.EventId).HasMaxLength(64);
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.Source).HasMaxLength(100);
            outbox.Property(m => m.TraceParent).HasMaxLength(100);
        });
        modelBuilder.Entity<ScheduledTimer>(timer =>
        {
            timer.ToTable("scheduled_timers");
            timer.HasKey(t => t.Id);
            timer.HasIndex(t => new { t.Kind, t.Key }).IsUnique();
            timer.HasIndex(t => new { t.FiredAt, t.DueAt });
            timer.Property(t => t.Kind).HasMaxLength(100);
            timer.Property(t => t.Key).HasMaxLength(200);
        });
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit_entries");
            audit.HasKey(a => a.Id);
            audit.HasIndex(a => new { a.Resource, a.Id });
            audit.Property(a => a.Resource).HasMaxLength(200);
            audit.Property(a => a.Action).HasMaxLength(100);
            audit.Property(a => a.ActorSubject).HasMaxLength(200);
            audit.Property(a => a.ActorOrganisation).HasMaxLength(200);
            audit.Property(a => a.ActorRegion).HasMaxLength(2);
            audit.Property(a => a.Reason).HasMaxLength(4000);
        });
        modelBuilder.Entity<ProcessedEvent>(inbox =>
        {
            inbox.ToTable("processed_events");
            inbox.HasKey(p => new { p.EventId, p.Handler });
            inbox.Property(p => p.EventId).HasMaxLength(64);
            inbox.Property(p => p.Handler).HasMaxLength(200);
        });
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var hasNewEvents = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (hasNewEvents)
        {
            // Wake the relay now instead of at its next poll: events reach other services within milliseconds.
            this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
                .GetService<OutboxSignal>()?.Notify();
        }

        return written;
    }
}
