using Samverkan.Cases.Data;
using Samverkan.Cases.Events;
using Samverkan.Cases.Grpc;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.OrleansHosting;
using Samverkan.ReferenceData;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Cases;

/// <summary>The cases module: what its own host and the standalone host add and map.</summary>
public static class CasesModule
{
    /// <summary>The Orleans grain storage holding product state.</summary>
    public const string StorageName = "cases";

    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CasesDbContext, SqliteCasesDbContext, PostgresCasesDbContext>("Cases");
        builder.AddEventing();
        builder.Services.AddOutboxRelay<CasesDbContext>();
        builder.AddReferenceDataCatalog();
        builder.Services.AddSingleton<CaseProjection>();
        builder.Services.AddScoped<CaseQueries>();
        builder.Services.AddTimerHandler<CasesDbContext, AssessmentDueTimer>();
        builder.Services
            .AddEventHandler<RecommendationPublished, RecommendationPublishedHandler>()
            .AddEventHandler<RecommendationRevised, RecommendationRevisedHandler>()
            .AddEventHandler<RecommendationReviewDue, RecommendationReviewDueHandler>()
            .AddEventHandler<ProcurementStatusChanged, ProcurementStatusChangedHandler>()
            .AddEventHandler<FollowUpReported, FollowUpReportedHandler>()
            .AddEventHandler<FollowUpOverdue, FollowUpOverdueHandler>();
        builder.AddGrainStorage(StorageName);
        return builder;
    }

    public static WebApplication MapCases(this WebApplication app)
    {
        app.MapGrpcService<CaseGrpcService>().RequireAuthorization();
        app.MapEventing();
        return app;
    }
}
