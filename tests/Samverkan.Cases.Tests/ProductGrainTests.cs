using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Samverkan.Cases.Data;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.OrleansHosting;
using Samverkan.ServiceDefaults.Data;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Cases.Tests;

/// <summary>The product grain on Orleans' in-process test cluster (two silos), with grain state and the read model on SQLite.</summary>
public sealed class ProductGrainTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"samverkan-grains-{Guid.NewGuid():N}.db");
    private readonly string _grainStorage = Path.Combine(Path.GetTempPath(), $"samverkan-grain-state-{Guid.NewGuid():N}.db");
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CasesDatabase"] = $"Data Source={_database}",
            ["GrainStorage"] = $"Data Source={_grainStorage}",
        }));
        builder.AddSiloBuilderConfigurator<Silo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await using var db = await Contexts().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        File.Delete(_grainStorage);
    }

    [Fact]
    public async Task Of_many_concurrent_changes_on_one_etag_exactly_one_wins()
    {
        var grain = _cluster.GrainFactory.GetGrain<IProductGrain>(Guid.NewGuid());
        var registered = await grain.RegisterAsync(Registration());

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await grain.NominateAsync(new Nominate { ExpectedVersion = registered.Version, Reason = $"attempt {i}" });
                return true;
            }
            catch (EtagMismatchException)
            {
                return false;
            }
            catch (FailedPreconditionException)
            {
                return false;
            }
        }).ToList();
        var won = await Task.WhenAll(attempts);

        Assert.Equal(1, won.Count(w => w));
        var timeline = await grain.GetTimelineAsync();
        Assert.Equal(["registered", "nominated"], timeline.Select(e => e.What));
    }

    [Fact]
    public async Task The_read_model_holds_the_grain_s_version_when_a_command_returns()
    {
        var caseId = Guid.NewGuid();
        var grain = _cluster.GrainFactory.GetGrain<IProductGrain>(caseId);
        var registered = await grain.RegisterAsync(Registration());
        var nominated = await grain.NominateAsync(new Nominate { ExpectedVersion = registered.Version, Reason = "r" });

        await using var db = await Contexts().CreateDbContextAsync();
        var row = await db.Cases.AsNoTracking().SingleAsync(c => c.CaseId == caseId);
        Assert.Equal((nominated.Version, CaseStatus.Nominated), (row.Version, row.Status));
    }

    [Fact]
    public async Task A_grain_moved_to_another_silo_keeps_its_case()
    {
        var grain = _cluster.GrainFactory.GetGrain<IProductGrain>(Guid.NewGuid());
        var registered = await grain.RegisterAsync(Registration());
        var nominated = await grain.NominateAsync(new Nominate { ExpectedVersion = registered.Version, Reason = "r" });

        await _cluster.RestartSiloAsync(_cluster.Primary!);
        await _cluster.RestartSiloAsync(_cluster.SecondarySilos[0]);

        var read = await _cluster.GrainFactory.GetGrain<IProductGrain>(nominated.CaseId).GetAsync();
        Assert.NotNull(read);
        Assert.Equal((nominated.Version, CaseStatus.Nominated), (read.Version, read.Status));
    }

    private IDbContextFactory<CasesDbContext> Contexts() =>
        _cluster.GetSiloServiceProvider().GetRequiredService<IDbContextFactory<CasesDbContext>>();

    private static RegisterProduct Registration() => new()
    {
        RequestId = Guid.NewGuid(),
        Product = new ProductDetails
        {
            DisplayName = "Klusterpump",
            Manufacturer = "Acme Medical AB",
            Description = "d",
            Regulation = Regulation.Mdr,
            RiskClass = RiskClass.MdrIIb,
            CeMarking = CeMarking.Marked,
            ProgrammeAreaCodes = ["endokrina-sjukdomar"],
            Source = ProductSource.Company,
            SourceDetail = "Acme Medical AB",
        },
        Actor = new AuditActor { Subject = "anna.berg", Organisation = "Region Halland" },
    };

    private sealed class Silo : IHostConfigurator
    {
        // The grain state in a SQLite file both silos share, as the standalone host keeps it: it outlives the silos.
        public void Configure(IHostBuilder hostBuilder) => hostBuilder
            .UseOrleans((context, silo) => silo.AddGrainStorage(CasesModule.StorageName,
                new OrleansConnection(DatabaseProvider.Sqlite, context.Configuration["GrainStorage"]!)))
            .ConfigureServices((context, services) => services
                .AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow))
                .AddSingleton<CaseProjection>()
                .AddServiceDbContextFactory<CasesDbContext, SqliteCasesDbContext, PostgresCasesDbContext>(DatabaseProvider.Sqlite, context.Configuration["CasesDatabase"]!));
    }
}
