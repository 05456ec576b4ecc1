using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.OrleansHosting;

/// <summary>
/// Installs the tables and queries Orleans' ADO.NET providers need (<c>Schema/*.sql</c>, idempotent) as the very
/// first step of the silo's start, so a fresh SQLite file or PostgreSQL database just works.
/// </summary>
internal sealed partial class OrleansSchema(OrleansConnection connection, ILogger<OrleansSchema> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchema), ServiceLifecycleStage.First, InstallAsync);

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        var script = connection.Provider == DatabaseProvider.Sqlite ? "sqlite.sql" : "postgresql.sql";
        await using var stream = typeof(OrleansSchema).Assembly.GetManifestResourceStream("Samverkan.OrleansHosting.Schema." + script)
            ?? throw new InvalidOperationException($"Schema script {script} is not embedded.");
        using var reader = new StreamReader(stream);
        var sql = await reader.ReadToEndAsync(cancellationToken);

        await using DbConnection db = connection.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connection.ConnectionString)
            : new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            // Grains write concurrently; without WAL SQLite answers "database is locked". WAL cannot be switched on
            // inside a transaction, and it is a property of the file, so it is set here, once per start.
            await using var wal = db.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
        // The PostgreSQL script takes an advisory lock first, so replicas starting together do not race.
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogInstalled(logger, script);
    }

    [LoggerMessage(EventId = 1, EventName = "orleans.schema.installed", Level = LogLevel.Information, Message = "Orleans schema {Script} is in place")]
    private static partial void LogInstalled(ILogger logger, string script);
}
