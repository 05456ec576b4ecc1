using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Samverkan.Testing;

/// <summary>
/// Starts a service host (any Program) in memory with its own SQLite files, the in-process bus by default,
/// a localhost silo on free ports and the test token key. Disposing removes its files.
/// Start another factory on the same <see cref="DataDirectory"/> to restart the "same" service.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    public ServiceFactory(IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("samverkan-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["EventBus:Kind"] = "InProcess",
            ["Silo:Clustering"] = "Localhost",
            ["Silo:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:ClusterId"] = "test",
            ["Silo:ServiceId"] = "test",
            ["DemoData:Enabled"] = "false",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var name in new[] { "Cases", "Council", "Upphandling", "FollowUp", "Notifications", "ReferenceData", "Orleans" })
        {
            _settings[$"ConnectionStrings:{name}"] = $"Data Source={Path.Combine(DataDirectory, name.ToLowerInvariant() + ".db")}";
        }

        foreach (var (key, value) in TestTokens.Settings)
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>Where this host keeps its SQLite files.</summary>
    public string DataDirectory { get; }

    /// <summary>Replaces services after the host's own registrations (e.g. a controllable clock).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration) so the values are there while Program builds its services.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Production, so what is tested is what Kubernetes runs (health, errors without developer detail).
        builder.UseEnvironment("Production");
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pool is left to the OS temp cleanup; it is not worth failing a test for.
            }
        }
    }
}
