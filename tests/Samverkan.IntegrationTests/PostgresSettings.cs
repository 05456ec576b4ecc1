using System.Globalization;
using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>Host settings for a service as Kubernetes runs it: PostgreSQL and ADO.NET clustering.</summary>
internal static class PostgresSettings
{
    public static async Task<Dictionary<string, string?>> ForAsync(PostgresFixture postgres, string service, params string[] connectionNames)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:ClusterId"] = service,
            ["Silo:ServiceId"] = service,
            ["Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var name in connectionNames)
        {
            settings[$"ConnectionStrings:{name}"] = await postgres.CreateDatabaseAsync(name);
        }

        return settings;
    }
}
