using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Notifications.Data;

/// <summary>The notifications service's data: notifications (the feed), subscriptions, deliveries, the region contact register, its inbox and outbox.</summary>
public class NotificationsDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<FeedItemRecord> FeedItems => Set<FeedItemRecord>();

    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();

    public DbSet<RegionContactRecord> RegionContacts => Set<RegionContactRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<FeedItemRecord>(f =>
        {
            f.ToTable("feed_items");
            f.HasKey(i => i.Cursor);
            f.Property(i => i.Cursor).ValueGeneratedOnAdd();
            f.HasIndex(i => i.EventId).IsUnique();
            f.Property(i => i.EventId).HasMaxLength(64);
            f.Property(i => i.EventType).HasMaxLength(200);
            f.Property(i => i.Title).HasMaxLength(300);
            f.Property(i => i.Summary).HasMaxLength(4000);
            f.Property(i => i.CaseId).HasMaxLength(36);
        });
        modelBuilder.Entity<SubscriptionRecord>(s =>
        {
            s.ToTable("subscriptions");
            s.HasKey(x => x.Id);
            s.HasIndex(x => new { x.Owner, x.CreatedAt });
            s.Property(x => x.Address).HasMaxLength(2000);
            s.Property(x => x.Owner).HasMaxLength(200);
            s.Property(x => x.UnsubscribeKey).HasMaxLength(100);
            s.Property(x => x.WebhookSecret).HasMaxLength(100);
            s.Property(x => x.PreviousWebhookSecret).HasMaxLength(100);
        });
        modelBuilder.Entity<DeliveryRecord>(d =>
        {
            d.ToTable("deliveries");
            d.HasKey(x => x.Sequence);
            d.Property(x => x.Sequence).ValueGeneratedOnAdd();
            d.HasIndex(x => x.Id).IsUnique();
            d.HasIndex(x => new { x.SubscriptionId, x.Sequence });
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.HasIndex(x => x.EventId);
            d.HasOne(x => x.FeedItem).WithMany().HasForeignKey(x => x.FeedItemCursor);
            d.HasOne<SubscriptionRecord>().WithMany().HasForeignKey(x => x.SubscriptionId);
            d.Property(x => x.EventId).HasMaxLength(64);
            d.Property(x => x.EventType).HasMaxLength(200);
            d.Property(x => x.Recipient).HasMaxLength(2000);
            d.Property(x => x.LastError).HasMaxLength(1000);
        });
        modelBuilder.Entity<RegionContactRecord>(r =>
        {
            r.ToTable("region_contacts");
            r.HasKey(x => x.Id);
            r.HasIndex(x => new { x.RegionCode, x.Email }).IsUnique();
            r.HasOne<SubscriptionRecord>().WithMany().HasForeignKey(x => x.SubscriptionId);
            r.Property(x => x.RegionCode).HasMaxLength(2);
            r.Property(x => x.Email).HasMaxLength(254);
            r.Property(x => x.Subject).HasMaxLength(200);
        });
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class SqliteNotificationsDesignTimeFactory() : DesignTimeFactory<SqliteNotificationsDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresNotificationsDesignTimeFactory() : DesignTimeFactory<PostgresNotificationsDbContext>(DatabaseProvider.Postgres);
