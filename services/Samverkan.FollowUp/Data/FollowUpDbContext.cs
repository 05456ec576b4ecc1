using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.FollowUp.Data;

/// <summary>The follow-up service's data, its outbox and inbox.</summary>
public class FollowUpDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<FollowUpRecord> FollowUps => Set<FollowUpRecord>();

    public DbSet<RecommendationRecord> Recommendations => Set<RecommendationRecord>();

    public DbSet<StageReportRecord> StageReports => Set<StageReportRecord>();

    public DbSet<UptakeFigureRecord> UptakeFigures => Set<UptakeFigureRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<FollowUpRecord>(f =>
        {
            f.ToTable("follow_ups");
            f.HasKey(x => new { x.RecommendationId, x.RegionCode });
            f.Property(x => x.RegionCode).HasMaxLength(2);
            f.Property(x => x.RecommendationNumber).HasMaxLength(20);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.HasIndex(x => x.CaseId);
            f.HasIndex(x => new { x.RegionCode, x.Deadline });
        });
        modelBuilder.Entity<RecommendationRecord>(r =>
        {
            r.ToTable("recommendations");
            r.HasKey(x => x.RecommendationId);
            r.Property(x => x.Number).HasMaxLength(20);
            r.Property(x => x.ProductDisplayName).HasMaxLength(300);
            r.HasIndex(x => x.FirstPublishedAt);
        });
        modelBuilder.Entity<StageReportRecord>(s =>
        {
            s.ToTable("stage_reports");
            s.HasKey(x => x.Id);
            s.HasIndex(x => new { x.RecommendationId, x.RegionCode, x.FollowUpVersion }).IsUnique();
            s.Property(x => x.RegionCode).HasMaxLength(2);
            s.Property(x => x.DecisionGrounds).HasMaxLength(4000);
            s.Property(x => x.DecisionReference).HasMaxLength(100);
            s.Property(x => x.DocumentUri).HasMaxLength(2000);
            s.Property(x => x.ActorSubject).HasMaxLength(200);
            s.Property(x => x.ActorOrganisation).HasMaxLength(200);
            s.Property(x => x.ActorRegion).HasMaxLength(2);
            s.Property(x => x.Reason).HasMaxLength(4000);
        });
        modelBuilder.Entity<UptakeFigureRecord>(u =>
        {
            u.ToTable("uptake_figures");
            u.HasKey(x => new { x.RecommendationId, x.RegionCode, x.Year, x.Quarter, x.Measure });
            u.Property(x => x.RegionCode).HasMaxLength(2);
            u.Property(x => x.ReportedBy).HasMaxLength(200);
            u.Property(x => x.ReportedByOrganisation).HasMaxLength(200);
            u.Property(x => x.Reason).HasMaxLength(4000);
        });
    }
}

public sealed class SqliteFollowUpDbContext(DbContextOptions<SqliteFollowUpDbContext> options) : FollowUpDbContext(options);

public sealed class PostgresFollowUpDbContext(DbContextOptions<PostgresFollowUpDbContext> options) : FollowUpDbContext(options);

internal sealed class SqliteFollowUpDesignTimeFactory() : DesignTimeFactory<SqliteFollowUpDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresFollowUpDesignTimeFactory() : DesignTimeFactory<PostgresFollowUpDbContext>(DatabaseProvider.Postgres);
