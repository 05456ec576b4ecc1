using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Council.Data;

/// <summary>The council service's data: members, meetings with their agendas, conflicts and decisions, recommendations; its outbox, inbox, timers and audit trail.</summary>
public class CouncilDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<RecommendationRecord> Recommendations => Set<RecommendationRecord>();

    public DbSet<MemberRecord> Members => Set<MemberRecord>();

    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();

    public DbSet<AgendaItemRecord> AgendaItems => Set<AgendaItemRecord>();

    public DbSet<ConflictRecord> Conflicts => Set<ConflictRecord>();

    public DbSet<ReadyCaseRecord> ReadyCases => Set<ReadyCaseRecord>();

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
            r.Property(x => x.ProgrammeAreas).HasMaxLength(1000);
            r.Property(x => x.Summary).HasMaxLength(4000);
            r.Property(x => x.ChangeSummary).HasMaxLength(4000);
            r.Property(x => x.Participants).HasMaxLength(2000);
            r.Property(x => x.DecidedBySubject).HasMaxLength(200);
            r.Property(x => x.DecidedByOrganisation).HasMaxLength(200);
            r.Property(x => x.Revision).IsConcurrencyToken();
            r.HasIndex(x => x.CaseId);
            r.HasIndex(x => new { x.UpdatedAt, x.RecommendationId, x.Version });

            // Two publications can never share a number and version; a null number (a draft) is not compared.
            r.HasIndex(x => new { x.Number, x.Version }).IsUnique();
        });
        modelBuilder.Entity<MemberRecord>(m =>
        {
            m.ToTable("members");
            m.HasKey(x => x.MemberId);
            m.Property(x => x.Subject).HasMaxLength(200);
            m.Property(x => x.DisplayName).HasMaxLength(200);
            m.Property(x => x.HealthcareRegionCode).HasMaxLength(50);
            m.Property(x => x.Revision).IsConcurrencyToken();
            m.HasIndex(x => x.Subject);
        });
        modelBuilder.Entity<MeetingRecord>(m =>
        {
            m.ToTable("meetings");
            m.HasKey(x => x.MeetingId);
            m.Property(x => x.Location).HasMaxLength(500);
            m.Property(x => x.MinutesApprovedBy).HasMaxLength(2000);
            m.Property(x => x.Revision).IsConcurrencyToken();
            m.HasIndex(x => new { x.MeetingDate, x.MeetingId });
            m.HasMany(x => x.AgendaItems).WithOne().HasForeignKey(x => x.MeetingId);
        });
        modelBuilder.Entity<AgendaItemRecord>(a =>
        {
            a.ToTable("agenda_items");
            a.HasKey(x => x.AgendaItemId);
            a.Property(x => x.Title).HasMaxLength(200);
            a.Property(x => x.Description).HasMaxLength(8000);
            a.HasIndex(x => x.CaseId);
            a.HasMany(x => x.Conflicts).WithOne().HasForeignKey(x => x.AgendaItemId);
        });
        modelBuilder.Entity<ConflictRecord>(c =>
        {
            c.ToTable("conflict_declarations");
            c.HasKey(x => x.Id);
            c.Property(x => x.Reason).HasMaxLength(2000);
            c.Property(x => x.DeclaredBySubject).HasMaxLength(200);
            c.Property(x => x.DeclaredByOrganisation).HasMaxLength(200);
            c.HasIndex(x => new { x.AgendaItemId, x.MemberId }).IsUnique();
        });
        modelBuilder.Entity<ReadyCaseRecord>(r =>
        {
            r.ToTable("ready_cases");
            r.HasKey(x => x.CaseId);
            r.Property(x => x.ProductDisplayName).HasMaxLength(200);
            r.Property(x => x.Manufacturer).HasMaxLength(200);
            r.Property(x => x.ProgrammeAreas).HasMaxLength(1000);
            r.HasIndex(x => new { x.AgendaItemId, x.ReadyAt });
        });
    }
}

public sealed class SqliteCouncilDbContext(DbContextOptions<SqliteCouncilDbContext> options) : CouncilDbContext(options);

public sealed class PostgresCouncilDbContext(DbContextOptions<PostgresCouncilDbContext> options) : CouncilDbContext(options);

internal sealed class SqliteCouncilDesignTimeFactory() : DesignTimeFactory<SqliteCouncilDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresCouncilDesignTimeFactory() : DesignTimeFactory<PostgresCouncilDbContext>(DatabaseProvider.Postgres);
