using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace Samverkan.Testing;

/// <summary>
/// A real PostgreSQL server in a container for the test run. The image comes from <c>SAMVERKAN_POSTGRES_IMAGE</c>
/// (the official image by default; CI builds a local one from Debian's packages because no registry is reachable).
/// Each test gets databases of its own from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly PostgreSqlContainer _container = new PostgreSqlBuilder(Environment.GetEnvironmentVariable("SAMVERKAN_POSTGRES_IMAGE") ?? "postgres:17").Build();

    public async Task InitializeAsync() => await _container.StartAsync();

    public async Task DisposeAsync() => await _container.DisposeAsync();

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 60)].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(_container.GetConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Database = name }.ConnectionString;
    }
}
