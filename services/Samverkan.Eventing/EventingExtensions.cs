using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Samverkan.Eventing.Dapr;
using Samverkan.Eventing.InProcess;
using Samverkan.Eventing.Outbox;
using Samverkan.Eventing.Timers;

namespace Samverkan.Eventing;

public static class EventingExtensions
{
    /// <summary>The bus adapter chosen by <c>EventBus:Kind</c>, the dispatcher and the outbox signal. Safe to call once per module.</summary>
    public static IHostApplicationBuilder AddEventing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(EventDispatcher)))
        {
            return builder;
        }

        services.AddOptions<EventingOptions>()
            .Bind(builder.Configuration.GetSection("EventBus"))
            .Configure(o => o.PubSubName = builder.Configuration["Dapr:PubSubName"] ?? o.PubSubName);
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Outbox"));
        services.AddOptions<TimerOptions>().Bind(builder.Configuration.GetSection("Timers"));
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<OutboxSignal>();

        var kind = builder.Configuration.GetValue("EventBus:Kind", EventBusKind.Dapr);
        if (kind == EventBusKind.Dapr)
        {
            services.AddDaprClient();
            services.TryAddSingleton<IEventBus, DaprEventBus>();
        }
        else
        {
            services.TryAddSingleton<IEventBus, InProcessEventBus>();
        }

        return builder;
    }

    /// <summary>Relays <typeparamref name="TContext"/>'s outbox to the bus.</summary>
    public static IServiceCollection AddOutboxRelay<TContext>(this IServiceCollection services)
        where TContext : OutboxDbContext
    {
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        return services;
    }

    /// <summary>Fires <typeparamref name="TContext"/>'s due timers with <typeparamref name="THandler"/> (one handler per kind).</summary>
    public static IServiceCollection AddTimerHandler<TContext, THandler>(this IServiceCollection services)
        where TContext : OutboxDbContext
        where THandler : class, ITimerHandler<TContext>
    {
        services.AddScoped<ITimerHandler<TContext>, THandler>();
        if (services.All(d => d.ServiceType != typeof(TimerRunner<TContext>)))
        {
            services.AddSingleton<TimerRunner<TContext>>();
            services.AddHostedService(sp => sp.GetRequiredService<TimerRunner<TContext>>());
        }

        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IMessage<TEvent>, new()
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(EventSubscription.For<TEvent, THandler>());
        return services;
    }

    /// <summary>
    /// Maps the Dapr subscription endpoints when the bus is Dapr (the in-process bus needs none).
    /// Every module calls it; the routes are mapped once per host.
    /// </summary>
    public static WebApplication MapEventing(this WebApplication app)
    {
        const string Mapped = "samverkan.eventing.mapped";
        if (app.Configuration.GetValue("EventBus:Kind", EventBusKind.Dapr) == EventBusKind.Dapr
            && ((IApplicationBuilder)app).Properties.TryAdd(Mapped, true))
        {
            app.MapDaprSubscriptions();
        }

        return app;
    }
}
