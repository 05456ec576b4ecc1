using Google.Protobuf;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Events;
using Samverkan.Notifications.Grpc;
using Samverkan.Notifications.Http;
using Samverkan.Notifications.Sending;
using Samverkan.ReferenceData;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Notifications;

/// <summary>The notifications module: what its own host and the standalone host add and map.</summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>("Notifications");
        builder.AddReferenceDataCatalog();
        builder.AddEventing();
        var services = builder.Services;
        services.AddOutboxRelay<NotificationsDbContext>();
        services.AddOptions<NotificationsOptions>().Bind(builder.Configuration.GetSection(NotificationsOptions.Section));
        services.AddOptions<DeliveryOptions>().Bind(builder.Configuration.GetSection(DeliveryOptions.Section));
        services.AddSingleton<Notices>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<EmailMessages>();
        services.AddSingleton<Newsletter>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        var timeout = builder.Configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>()?.WebhookTimeout ?? new DeliveryOptions().WebhookTimeout;
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = timeout)
            // A receiver's redirect is a failed attempt, not a reason to post signed data elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection(ReminderOptions.Section));
        services.AddEventHandler<RecommendationPublished, ReminderScheduler>();
        services.AddEventHandler<RecommendationRevised, ReminderScheduler>();
        services.AddEventHandler<ProcurementStatusChanged, ReminderScheduler>();
        services.AddTimerHandler<NotificationsDbContext, ReminderTimerHandler>();
        services.AddNotice<CaseOpened>(n => n.CaseOpened);
        services.AddNotice<CaseStatusChanged>(n => n.CaseStatusChanged);
        services.AddNotice<CaseReadyForCouncil>(n => n.CaseReadyForCouncil);
        services.AddNotice<AssessmentOverdue>(n => n.AssessmentOverdue);
        services.AddNotice<RecommendationPublished>(n => n.RecommendationPublished);
        services.AddNotice<RecommendationRevised>(n => n.RecommendationRevised);
        services.AddNotice<RecommendationReviewDue>(n => n.RecommendationReviewDue);
        services.AddNotice<ProcurementStatusChanged>(n => n.ProcurementStatusChanged);
        services.AddNotice<FollowUpReported>(n => n.FollowUpReported);
        services.AddNotice<FollowUpOverdue>(n => n.FollowUpOverdue);
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapGrpcService<NotificationGrpcService>().RequireAuthorization();
        app.MapUnsubscribe();
        app.MapEventing();
        return app;
    }

    private static void AddNotice<TEvent>(this IServiceCollection services, Func<Notices, Func<TEvent, Notice>> format)
        where TEvent : IMessage<TEvent>, new()
    {
        services.AddSingleton(sp => new NoticeFormat<TEvent>(format(sp.GetRequiredService<Notices>())));
        services.AddEventHandler<TEvent, NoticeHandler<TEvent>>();
    }
}
