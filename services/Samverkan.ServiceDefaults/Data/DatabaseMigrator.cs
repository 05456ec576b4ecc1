using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samverkan.ServiceDefaults.Data;

/// <summary>
/// Brings the service's schema up to date before the host takes traffic. EF Core serialises concurrent
/// migrations with a database lock, so several replicas starting at once is safe.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IDbContextFactory<TContext> factory, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a writer commits; it is a property of the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, typeof(TContext).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, EventName = "database.migrated", Level = LogLevel.Information, Message = "Schema of {Context} is up to date")]
    private static partial void LogMigrated(ILogger logger, string context);
}
