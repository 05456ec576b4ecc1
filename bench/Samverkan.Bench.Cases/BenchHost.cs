using System.Globalization;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Samverkan.Cases;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Bench.Cases;

/// <summary>
/// The cases module as its own host runs it (Kestrel, cleartext HTTP/2, SQLite, a localhost silo) plus the echo
/// service, over a data directory that holds <see cref="Products"/> registered products. Seeding goes through
/// RegisterProduct and happens once: later runs reuse the directory.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const int Products = 100_000;

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri address)
    {
        _app = app;
        Channel = GrpcChannel.ForAddress(address);
    }

    public GrpcChannel Channel { get; }

    public static async Task<BenchHost> StartAsync(string dataDirectory)
    {
        var grpcPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["EventBus:Kind"] = "InProcess",
            ["ConnectionStrings:Cases"] = $"Data Source={Path.Combine(dataDirectory, "cases.db")}",
            ["ConnectionStrings:ReferenceData"] = $"Data Source={Path.Combine(dataDirectory, "referencedata.db")}",
            ["ConnectionStrings:Orleans"] = $"Data Source={Path.Combine(dataDirectory, "orleans.db")}",
            ["Endpoints:Grpc"] = $"http://127.0.0.1:{grpcPort}",
            ["Endpoints:Http"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Silo:Clustering"] = "Localhost",
            ["Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestTokens.Settings)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Environment.EnvironmentName = "Production";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("samverkan-bench");
        builder.AddCases();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapCases();
        app.MapGrpcService<Echoer>();
        await app.StartAsync();

        var host = new BenchHost(app, new Uri($"http://127.0.0.1:{grpcPort}"));
        await host.SeedAsync();
        return host;
    }

    /// <summary>The names of the first <paramref name="count"/> cases, the ones GetCase reads.</summary>
    public async Task<IReadOnlyList<string>> CaseNamesAsync(int count)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var ids = await db.Cases.AsNoTracking().OrderBy(c => c.CaseId).Select(c => c.CaseId).Take(count).ToListAsync();
        return ids.Select(id => $"cases/{id}").ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        int existing;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            existing = await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Cases.CountAsync();
        }

        var missing = Products - existing;
        if (missing <= 0)
        {
            return;
        }

        Console.WriteLine($"Registering {missing} products through RegisterProduct (once; the data directory keeps them) ...");
        var cases = new CaseService.CaseServiceClient(Channel);
        var token = TestTokens.As(Roles.PreparationGroup);
        var started = TimeProvider.System.GetTimestamp();
        await Parallel.ForAsync(0, missing, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            var registration = Samverkan.Testing.Cases.Products.Registration($"Produkt {existing + i:D6}");
            registration.Product.ProgrammeAreaCodes[0] = ProgrammeAreas[i % ProgrammeAreas.Length];
            await cases.RegisterProductAsync(registration, token, cancellationToken: cancellationToken);
        });
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Console.WriteLine($"Registered {missing} products in {elapsed.TotalSeconds:F0} s ({missing / elapsed.TotalSeconds:F0}/s).");
    }

    private static readonly string[] ProgrammeAreas = ["endokrina-sjukdomar", "andningsorgan", "hjarta-karl", "oron-nasa-hals", "rorelseorganen"];
}
