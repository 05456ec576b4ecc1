using Samverkan.Eventing;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Grpc;
using Samverkan.ReferenceData;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.FollowUp;

/// <summary>The follow-up module, which also serves the reference data: it owns population figures.</summary>
public static class FollowUpModule
{
    public static IHostApplicationBuilder AddFollowUp(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FollowUpDbContext, SqliteFollowUpDbContext, PostgresFollowUpDbContext>("FollowUp");
        builder.AddEventing();
        builder.Services.AddOutboxRelay<FollowUpDbContext>();
        builder.AddReferenceData();
        return builder;
    }

    public static WebApplication MapFollowUp(this WebApplication app)
    {
        app.MapGrpcService<FollowUpGrpcService>().RequireAuthorization();
        app.MapReferenceData();
        app.MapEventing();
        return app;
    }
}
