using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Council.Data;

/// <summary>The council service's data, its outbox and inbox.</summary>
public class CouncilDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<RecommendationRecord> Recommendations => Set<RecommendationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RecommendationRecord>(r =>
        {
            r.ToTable("recommendations");
            r.HasKey(x => new { x.RecommendationId, x.Version });
            r.Property(x => x.Number).HasMaxLength(20);
            r.Property(x => x.ProductDisplayName).HasMaxLength(200);
            r.Property(x => x.HealthcareRegions).HasMaxLength(200);
            r.HasIndex(x => x.CaseId);
            r.HasIndex(x => new { x.UpdatedAt, x.RecommendationId, x.Version });
        });
    }
}

public sealed class SqliteCouncilDbContext(DbContextOptions<SqliteCouncilDbContext> options) : CouncilDbContext(options);

public sealed class PostgresCouncilDbContext(DbContextOptions<PostgresCouncilDbContext> options) : CouncilDbContext(options);

internal sealed class SqliteCouncilDesignTimeFactory() : DesignTimeFactory<SqliteCouncilDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresCouncilDesignTimeFactory() : DesignTimeFactory<PostgresCouncilDbContext>(DatabaseProvider.Postgres);
