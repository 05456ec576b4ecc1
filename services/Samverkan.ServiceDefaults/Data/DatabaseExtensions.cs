using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samverkan.ServiceDefaults.Health;

namespace Samverkan.ServiceDefaults.Data;

/// <summary>The relational database behind a service: SQLite in the standalone host, PostgreSQL in Kubernetes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Registers a service's DbContext on the configured provider. Each provider has its own context subclass so each
/// keeps its own migrations (EF Core migrations are provider-specific); code depends on the base context only.
/// </summary>
public static class DatabaseExtensions
{
    public const string ProviderKey = "Database:Provider";

    public static DatabaseProvider GetDatabaseProvider(this IConfiguration configuration) =>
        configuration[ProviderKey] is { Length: > 0 } value
            ? Enum.Parse<DatabaseProvider>(value, ignoreCase: true)
            : DatabaseProvider.Postgres;

    /// <summary>The connection string named <paramref name="connectionName"/>, or a clear start-up error.</summary>
    public static string GetRequiredConnectionString(this IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException($"Connection string '{connectionName}' is not configured (ConnectionStrings:{connectionName}).");

    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TPostgresContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        var provider = builder.Configuration.GetDatabaseProvider();
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteFiles.EnsureDirectory(connectionString);
        }

        var services = builder.Services;
        services.AddServiceDbContextFactory<TContext, TSqliteContext, TPostgresContext>(provider, connectionString);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(connectionName.ToLowerInvariant() + "-database", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IDbContextFactory{TContext}"/> for the base context, building the provider's subclass; on its
    /// own for hosts that are not a service host (a grain test cluster's silo). EF Core interceptors registered as
    /// <see cref="IInterceptor"/> apply to every context it builds.
    /// </summary>
    public static IServiceCollection AddServiceDbContextFactory<TContext, TSqliteContext, TPostgresContext>(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextFactory<TSqliteContext>((sp, o) => o.UseProvider(DatabaseProvider.Sqlite, connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<IDbContextFactory<TContext>, ContextFactory<TContext, TSqliteContext>>();
        }
        else
        {
            services.AddDbContextFactory<TPostgresContext>((sp, o) => o.UseProvider(DatabaseProvider.Postgres, connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<IDbContextFactory<TContext>, ContextFactory<TContext, TPostgresContext>>();
        }

        return services;
    }

    /// <summary>The provider with the conventions every service's schema follows (snake_case names on both databases).</summary>
    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        (provider == DatabaseProvider.Sqlite ? options.UseSqlite(connectionString) : options.UseNpgsql(connectionString))
            .UseSnakeCaseNamingConvention();

    /// <summary>Lets code ask for the base context while the provider's subclass (and its migrations) is what gets built.</summary>
    private sealed class ContextFactory<TContext, TImplementation>(IDbContextFactory<TImplementation> inner) : IDbContextFactory<TContext>
        where TContext : DbContext
        where TImplementation : TContext
    {
        public TContext CreateDbContext() => inner.CreateDbContext();
    }
}
