using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Notifications.Data;

/// <summary>The notifications service's data: the feed, its inbox and outbox.</summary>
public class NotificationsDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<FeedItemRecord> FeedItems => Set<FeedItemRecord>();

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
            f.Property(i => i.CaseId).HasMaxLength(36);
        });
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class SqliteNotificationsDesignTimeFactory() : DesignTimeFactory<SqliteNotificationsDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresNotificationsDesignTimeFactory() : DesignTimeFactory<PostgresNotificationsDbContext>(DatabaseProvider.Postgres);
