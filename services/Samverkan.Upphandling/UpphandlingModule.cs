using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ReferenceData;
using Samverkan.ServiceDefaults.Data;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Events;
using Samverkan.Upphandling.Grpc;
using Samverkan.Upphandling.Pages;
using Samverkan.Upphandling.Procurement;

namespace Samverkan.Upphandling;

/// <summary>The upphandling module: what its own host and the standalone host add and map.</summary>
public static class UpphandlingModule
{
    public static IHostApplicationBuilder AddUpphandling(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<UpphandlingDbContext, SqliteUpphandlingDbContext, PostgresUpphandlingDbContext>("Upphandling");
        builder.AddEventing();
        builder.Services.AddOutboxRelay<UpphandlingDbContext>();
        builder.AddReferenceDataCatalog();
        builder.Services
            .AddScoped<Worklist>()
            .AddScoped<ContractRegister>()
            .AddScoped<PurchasingSystems>()
            .AddScoped<Qualification>()
            .AddScoped<CallOffs>()
            .AddScoped<InnovationProcurements>()
            .AddScoped<ProductProcurementQuery>();
        builder.Services.AddEventHandler<RecommendationPublished, RecommendationPublishedHandler>();
        builder.Services.AddEventHandler<RecommendationRevised, RecommendationRevisedHandler>();
        builder.Services.AddTimerHandler<UpphandlingDbContext, MilestoneDueTimer>();
        return builder;
    }

    public static WebApplication MapUpphandling(this WebApplication app)
    {
        app.MapGrpcService<UpphandlingGrpcService>().RequireAuthorization();
        app.MapCoordinatorPages();
        app.MapEventing();
        return app;
    }
}
