using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Upphandling.Data;

/// <summary>The upphandling service's data, its outbox and inbox.</summary>
public class UpphandlingDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<CoordinationItemRecord> CoordinationItems => Set<CoordinationItemRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CoordinationItemRecord>(c =>
        {
            c.ToTable("coordination_items");
            c.HasKey(x => x.ItemId);
            c.Property(x => x.Title).HasMaxLength(300);
            c.Property(x => x.RecommendationNumber).HasMaxLength(20);
            c.HasIndex(x => x.RecommendationId).IsUnique();
            c.HasIndex(x => new { x.CreatedAt, x.ItemId });
        });
    }
}

public sealed class SqliteUpphandlingDbContext(DbContextOptions<SqliteUpphandlingDbContext> options) : UpphandlingDbContext(options);

public sealed class PostgresUpphandlingDbContext(DbContextOptions<PostgresUpphandlingDbContext> options) : UpphandlingDbContext(options);

internal sealed class SqliteUpphandlingDesignTimeFactory() : DesignTimeFactory<SqliteUpphandlingDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresUpphandlingDesignTimeFactory() : DesignTimeFactory<PostgresUpphandlingDbContext>(DatabaseProvider.Postgres);
