using Microsoft.EntityFrameworkCore;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.ReferenceData.Data;

/// <summary>Population figures imported by operators; the shipped figures stay in the data file.</summary>
public class ReferenceDataDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PopulationFigureRecord> PopulationFigures => Set<PopulationFigureRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<PopulationFigureRecord>(p =>
        {
            p.ToTable("population_figures");
            p.HasKey(f => f.RegionCode);
            p.Property(f => f.RegionCode).HasMaxLength(2);
            p.Property(f => f.Source).HasMaxLength(500);
            p.Property(f => f.ImportedBy).HasMaxLength(200);
        });
}

public sealed class SqliteReferenceDataDbContext(DbContextOptions<SqliteReferenceDataDbContext> options) : ReferenceDataDbContext(options);

public sealed class PostgresReferenceDataDbContext(DbContextOptions<PostgresReferenceDataDbContext> options) : ReferenceDataDbContext(options);

internal sealed class SqliteReferenceDataDesignTimeFactory() : DesignTimeFactory<SqliteReferenceDataDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresReferenceDataDesignTimeFactory() : DesignTimeFactory<PostgresReferenceDataDbContext>(DatabaseProvider.Postgres);
