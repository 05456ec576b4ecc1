using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.OrleansHosting;

/// <summary>
/// Configures the host's Orleans silo. Grain state goes through Orleans' ADO.NET provider in both modes:
/// on SQLite in the standalone host, on PostgreSQL in Kubernetes; only the invariant and connection string differ.
/// </summary>
public static class OrleansHostingExtensions
{
    /// <summary>The connection string every grain storage of the host uses.</summary>
    public const string ConnectionName = "Orleans";

    /// <summary>Adds grain storage <paramref name="storageName"/> to the host's silo, creating the silo on first use.</summary>
    public static IHostApplicationBuilder AddGrainStorage(this IHostApplicationBuilder builder, string storageName)
    {
        var connection = OrleansConnection.From(builder.Configuration);
        builder.AddSilo(connection);
        builder.UseOrleans(silo => silo.AddGrainStorage(storageName, connection));
        return builder;
    }

    /// <summary>The host's silo without grain storage, for grains whose state lives in the service's own tables.</summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        builder.AddSilo(OrleansConnection.From(builder.Configuration));
        return builder;
    }

    /// <summary>Adds grain storage <paramref name="storageName"/> in <paramref name="connection"/> to a silo, installing the schema on start.</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder silo, string storageName, OrleansConnection connection)
    {
        silo.Services.TryAddSingleton(connection);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, OrleansSchema>());
        silo.AddAdoNetGrainStorage(storageName, options =>
        {
            options.Invariant = connection.Invariant;
            options.ConnectionString = connection.ConnectionString;
        });

        // Orleans' own binary format, not JSON: state types then evolve by their [Id]s, and a renamed property or
        // class (kept by its [Alias]) still reads what an earlier version wrote.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(storageName)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }

    private static void AddSilo(this IHostApplicationBuilder builder, OrleansConnection connection)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(OrleansConnection)))
        {
            return;
        }

        var options = builder.Configuration.GetSection("Silo").Get<OrleansOptions>() ?? new OrleansOptions();
        builder.Services.AddSingleton(connection);
        builder.UseOrleans(silo =>
        {
            // Clustering tables too live in this database, so the schema is installed for every silo, storage or not.
            silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, OrleansSchema>());
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });

            if (options.Clustering == OrleansClustering.Localhost)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort,
                    options.PrimarySiloEndpoint is { Length: > 0 } primary ? IPEndPoint.Parse(primary) : null,
                    options.ServiceId, options.ClusterId);
            }
            else
            {
                silo.UseAdoNetClustering(clustering =>
                {
                    clustering.Invariant = connection.Invariant;
                    clustering.ConnectionString = connection.ConnectionString;
                });
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                if (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 })
                {
                    // In a pod: take the silo's identity from the downward API and clean up after dead pods.
                    silo.UseKubernetesHosting();
                }
            }
        });
    }
}

/// <summary>The database grain state (and, with ADO.NET clustering, membership) lives in.</summary>
public sealed record OrleansConnection(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// The ADO.NET invariant Orleans' providers know the driver by. Orleans 10.4 maps "System.Data.SQLite" to
    /// Microsoft.Data.Sqlite's factory and rejects "Microsoft.Data.Sqlite" itself.
    /// </summary>
    public string Invariant => Provider == DatabaseProvider.Sqlite ? "System.Data.SQLite" : "Npgsql";

    public static OrleansConnection From(IConfiguration configuration)
    {
        var provider = configuration.GetDatabaseProvider();
        var connectionString = configuration.GetRequiredConnectionString(OrleansHostingExtensions.ConnectionName);
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteFiles.EnsureDirectory(connectionString);
        }

        return new OrleansConnection(provider, connectionString);
    }
}
