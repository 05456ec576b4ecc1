using Samverkan.Council.Data;
using Samverkan.Council.Events;
using Samverkan.Council.Grpc;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ReferenceData;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Council;

/// <summary>The council module: what its own host and the standalone host add and map.</summary>
public static class CouncilModule
{
    public static IHostApplicationBuilder AddCouncil(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CouncilDbContext, SqliteCouncilDbContext, PostgresCouncilDbContext>("Council");
        builder.AddEventing();
        builder.Services.AddOutboxRelay<CouncilDbContext>();
        builder.AddReferenceDataCatalog();
        builder.Services.AddTimerHandler<CouncilDbContext, ReviewDueTimer>();
        builder.Services.AddEventHandler<CaseReadyForCouncil, CaseReadyForCouncilHandler>();
        return builder;
    }

    public static WebApplication MapCouncil(this WebApplication app)
    {
        app.MapGrpcService<CouncilGrpcService>().RequireAuthorization();
        app.MapEventing();
        return app;
    }
}
