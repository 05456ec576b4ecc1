using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ReferenceData.Data;
using Samverkan.ReferenceData.Grpc;
using Samverkan.ReferenceData.Population;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.ReferenceData;

/// <summary>
/// The catalog is used in-process by every service that validates region or programme-area codes; the gRPC service
/// and population imports are hosted by the follow-up service (it owns populations: it computes per-capita rates).
/// </summary>
public static class ReferenceDataModule
{
    /// <summary>Where operators keep their own copies of the data files; unset means the shipped files.</summary>
    public const string DirectoryKey = "ReferenceData:Directory";

    public static IHostApplicationBuilder AddReferenceDataCatalog(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration[DirectoryKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "ReferenceData");
        builder.Services.TryAddSingleton(_ => ReferenceDataCatalog.Load(directory));
        return builder;
    }

    public static IHostApplicationBuilder AddReferenceData(this IHostApplicationBuilder builder)
    {
        builder.AddReferenceDataCatalog();
        builder.AddServiceDatabase<ReferenceDataDbContext, SqliteReferenceDataDbContext, PostgresReferenceDataDbContext>("ReferenceData");
        builder.Services.TryAddSingleton<PopulationRegistry>();
        return builder;
    }

    public static WebApplication MapReferenceData(this WebApplication app)
    {
        app.MapGrpcService<ReferenceDataGrpcService>().RequireAuthorization();
        return app;
    }
}
