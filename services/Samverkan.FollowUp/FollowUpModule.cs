using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Events;
using Samverkan.FollowUp.Grpc;
using Samverkan.OrleansHosting;
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
        builder.Services.AddOptions<FollowUpOptions>()
            .Bind(builder.Configuration.GetSection("FollowUp"))
            .Validate(o => o.OutlierFactor > 1, "FollowUp:OutlierFactor must be above 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<FollowUpValidation>();
        builder.Services.AddScoped<FollowUpQueries>();
        builder.Services.AddScoped<UptakeQueries>();
        builder.Services.AddScoped<YearlyReport>();
        builder.Services.AddTimerHandler<FollowUpDbContext, FollowUpDeadlineTimer>();
        builder.Services
            .AddEventHandler<RecommendationPublished, RecommendationPublishedHandler>()
            .AddEventHandler<RecommendationRevised, RecommendationRevisedHandler>();
        builder.AddSilo();
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
