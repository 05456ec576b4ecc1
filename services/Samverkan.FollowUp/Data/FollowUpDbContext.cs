using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.FollowUp.Data;

/// <summary>The follow-up service's data, its outbox and inbox.</summary>
public class FollowUpDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<FollowUpRecord> FollowUps => Set<FollowUpRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<FollowUpRecord>(f =>
        {
            f.ToTable("follow_ups");
            f.HasKey(x => new { x.RecommendationId, x.RegionCode });
            f.Property(x => x.RegionCode).HasMaxLength(2);
            f.Property(x => x.RecommendationNumber).HasMaxLength(20);
            f.HasIndex(x => x.CaseId);
            f.HasIndex(x => new { x.RegionCode, x.Deadline });
        });
    }
}

public sealed class SqliteFollowUpDbContext(DbContextOptions<SqliteFollowUpDbContext> options) : FollowUpDbContext(options);

public sealed class PostgresFollowUpDbContext(DbContextOptions<PostgresFollowUpDbContext> options) : FollowUpDbContext(options);

internal sealed class SqliteFollowUpDesignTimeFactory() : DesignTimeFactory<SqliteFollowUpDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresFollowUpDesignTimeFactory() : DesignTimeFactory<PostgresFollowUpDbContext>(DatabaseProvider.Postgres);
