using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Events;
using Samverkan.Notifications.Grpc;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Notifications;

/// <summary>The notifications module: what its own host and the standalone host add and map.</summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>("Notifications");
        builder.AddEventing();
        builder.Services.AddOutboxRelay<NotificationsDbContext>();
        builder.Services
            .AddEventHandler<CaseOpened, CaseOpenedFeedHandler>()
            .AddEventHandler<RecommendationPublished, RecommendationPublishedFeedHandler>();
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapGrpcService<NotificationGrpcService>().RequireAuthorization();
        app.MapEventing();
        return app;
    }
}
