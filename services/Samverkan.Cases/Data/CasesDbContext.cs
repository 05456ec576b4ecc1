using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Cases.Data;

/// <summary>The cases service's relational data: the list/search read model and the overdue-assessment list, its outbox, inbox and timers.</summary>
public class CasesDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<AssessmentRecord> Assessments => Set<AssessmentRecord>();

    public DbSet<CaseSearchEntry> CaseSearch => Set<CaseSearchEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CaseRecord>(c =>
        {
            c.ToTable("cases");
            c.HasKey(r => r.CaseId);
            c.Property(r => r.DisplayName).HasMaxLength(200);
            c.Property(r => r.Manufacturer).HasMaxLength(200);
            c.Property(r => r.SearchText).HasMaxLength(401);
            c.Property(r => r.ProgrammeAreas).HasMaxLength(1000);
            // Newest first, with the filtered text columns in the index: a walk that tests them reads no case row it
            // does not return.
            c.HasIndex(r => new { r.UpdatedAt, r.CaseId, r.ProgrammeAreas, r.SearchText });
            c.HasIndex(r => r.Status);
        });
        modelBuilder.Entity<CaseSearchEntry>(s =>
        {
            s.HasNoKey();
            s.ToView("cases_search");
        });
        modelBuilder.Entity<AssessmentRecord>(a =>
        {
            a.ToTable("assessments");
            a.HasKey(r => r.AssessmentId);
            a.Property(r => r.ProductDisplayName).HasMaxLength(200);
            a.Property(r => r.AssessorUnit).HasMaxLength(200);
            a.Property(r => r.Question).HasMaxLength(2000);
            a.HasIndex(r => new { r.DeliveredAt, r.ExpectedDeliveryDate, r.AssessmentId });
        });
    }
}

/// <summary>The read model on SQLite (standalone host), with its own migrations.</summary>
public sealed class SqliteCasesDbContext(DbContextOptions<SqliteCasesDbContext> options) : CasesDbContext(options);

/// <summary>The read model on PostgreSQL (Kubernetes), with its own migrations.</summary>
public sealed class PostgresCasesDbContext(DbContextOptions<PostgresCasesDbContext> options) : CasesDbContext(options);

internal sealed class SqliteCasesDesignTimeFactory() : DesignTimeFactory<SqliteCasesDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresCasesDesignTimeFactory() : DesignTimeFactory<PostgresCasesDbContext>(DatabaseProvider.Postgres);
