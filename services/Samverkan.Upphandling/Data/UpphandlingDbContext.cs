using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Upphandling.Data;

/// <summary>The upphandling service's data, its outbox and inbox.</summary>
public class UpphandlingDbContext(DbContextOptions options) : OutboxDbContext(options)
{
    public DbSet<CoordinationItemRecord> CoordinationItems => Set<CoordinationItemRecord>();

    public DbSet<ContractRecord> Contracts => Set<ContractRecord>();

    public DbSet<PurchasingSystemRecord> PurchasingSystems => Set<PurchasingSystemRecord>();

    public DbSet<ApplicationRecord> Applications => Set<ApplicationRecord>();

    public DbSet<CallOffRecord> CallOffs => Set<CallOffRecord>();

    public DbSet<InnovationRecord> InnovationProcurements => Set<InnovationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CoordinationItemRecord>(c =>
        {
            c.ToTable("coordination_items");
            c.HasKey(x => x.ItemId);
            c.Property(x => x.Title).HasMaxLength(300);
            c.Property(x => x.RecommendationNumber).HasMaxLength(20);
            c.Property(x => x.ProductDisplayName).HasMaxLength(300);
            c.Property(x => x.Grounds).HasMaxLength(4000);
            c.Property(x => x.RevisionSummary).HasMaxLength(4000);
            c.Property(x => x.DecidedBy).HasMaxLength(200);
            c.Property(x => x.DecidedByOrganisation).HasMaxLength(200);
            c.Property(x => x.Revision).IsConcurrencyToken();
            c.HasIndex(x => x.RecommendationId).IsUnique();
            c.HasIndex(x => x.CaseId);
            c.HasIndex(x => new { x.CreatedAt, x.ItemId });
        });
        modelBuilder.Entity<ContractRecord>(c =>
        {
            c.ToTable("contracts");
            c.HasKey(x => x.ContractId);
            c.Property(x => x.RegionCode).HasMaxLength(2);
            c.Property(x => x.SupplierName).HasMaxLength(300);
            c.Property(x => x.SupplierOrganisationNumber).HasMaxLength(11);
            c.Property(x => x.ProductArea).HasMaxLength(300);
            c.Property(x => x.ProgrammeAreaCode).HasMaxLength(20);
            c.Ignore(x => x.LatestEndDate);
            c.HasIndex(x => x.RegionCode);
        });
        modelBuilder.Entity<PurchasingSystemRecord>(s =>
        {
            s.ToTable("purchasing_systems");
            s.HasKey(x => x.SystemId);
            s.Property(x => x.Title).HasMaxLength(300);
            s.Property(x => x.ProcurementRegionCode).HasMaxLength(1);
            s.Property(x => x.Revision).IsConcurrencyToken();
            s.Property(x => x.AdmissionsVersion).IsConcurrencyToken();
            s.HasMany(x => x.Categories).WithOne().HasForeignKey(x => x.SystemId);
        });
        modelBuilder.Entity<CategoryRecord>(c =>
        {
            c.ToTable("purchasing_system_categories");
            c.HasKey(x => x.CategoryId);
            c.Property(x => x.Title).HasMaxLength(200);
            c.Property(x => x.QualificationRequirements).HasMaxLength(4000);
        });
        modelBuilder.Entity<ApplicationRecord>(a =>
        {
            a.ToTable("supplier_applications");
            a.HasKey(x => x.ApplicationId);
            a.Property(x => x.OrganisationNumber).HasMaxLength(11);
            a.Property(x => x.SupplierName).HasMaxLength(300);
            a.Property(x => x.ExtensionReason).HasMaxLength(4000);
            a.Property(x => x.DecisionGrounds).HasMaxLength(4000);
            a.Property(x => x.Revision).IsConcurrencyToken();
            a.HasIndex(x => new { x.SystemId, x.ReceivedAt, x.ApplicationId });
            a.HasIndex(x => new { x.Decision, x.DueDate });
        });
        modelBuilder.Entity<CallOffRecord>(c =>
        {
            c.ToTable("call_offs");
            c.HasKey(x => x.CallOffId);
            c.Property(x => x.Title).HasMaxLength(300);
            c.Property(x => x.AwardedOrganisationNumber).HasMaxLength(11);
            c.Property(x => x.AwardGrounds).HasMaxLength(4000);
            c.HasIndex(x => x.SystemId);
            c.HasMany(x => x.Tenders).WithOne().HasForeignKey(x => x.CallOffId);
        });
        modelBuilder.Entity<TenderRecord>(t =>
        {
            t.ToTable("tenders");
            t.HasKey(x => new { x.CallOffId, x.OrganisationNumber });
            t.Property(x => x.OrganisationNumber).HasMaxLength(11);
        });
        modelBuilder.Entity<InnovationRecord>(i =>
        {
            i.ToTable("innovation_procurements");
            i.HasKey(x => x.ProcurementId);
            i.Property(x => x.Title).HasMaxLength(300);
            i.Property(x => x.NeedStatement).HasMaxLength(4000);
            i.Property(x => x.Revision).IsConcurrencyToken();
            i.HasMany(x => x.Partners).WithOne().HasForeignKey(x => x.ProcurementId);
            i.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ProcurementId);
        });
        modelBuilder.Entity<PartnerRecord>(p =>
        {
            p.ToTable("innovation_partners");
            p.HasKey(x => new { x.ProcurementId, x.OrganisationNumber });
            p.Property(x => x.OrganisationNumber).HasMaxLength(11);
            p.Property(x => x.Name).HasMaxLength(300);
        });
        modelBuilder.Entity<MilestoneRecord>(m =>
        {
            m.ToTable("innovation_milestones");
            m.HasKey(x => new { x.ProcurementId, x.Phase });
            m.Property(x => x.InterimTarget).HasMaxLength(2000);
        });
    }
}

public sealed class SqliteUpphandlingDbContext(DbContextOptions<SqliteUpphandlingDbContext> options) : UpphandlingDbContext(options);

public sealed class PostgresUpphandlingDbContext(DbContextOptions<PostgresUpphandlingDbContext> options) : UpphandlingDbContext(options);

internal sealed class SqliteUpphandlingDesignTimeFactory() : DesignTimeFactory<SqliteUpphandlingDbContext>(DatabaseProvider.Sqlite);

internal sealed class PostgresUpphandlingDesignTimeFactory() : DesignTimeFactory<PostgresUpphandlingDbContext>(DatabaseProvider.Postgres);
