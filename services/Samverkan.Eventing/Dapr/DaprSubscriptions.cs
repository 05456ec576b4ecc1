using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samverkan.Eventing.Dapr;

/// <summary>
/// The subscriber side of Dapr pub/sub: one route per handled event type, declared to daprd through
/// <c>GET /dapr/subscribe</c>, each with the dead-letter topic for events that keep failing.
/// </summary>
public static class DaprSubscriptions
{
    /// <summary>The route prefix of event deliveries; the topic (event type) follows it.</summary>
    public const string RoutePrefix = "/events/";

    public static IEndpointRouteBuilder MapDaprSubscriptions(this IEndpointRouteBuilder endpoints)
    {
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<EventDispatcher>();
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<EventingOptions>>().Value;
        foreach (var eventType in dispatcher.EventTypes)
        {
            endpoints.MapPost(RoutePrefix + eventType, (HttpRequest request, CancellationToken cancellationToken) =>
                    ReceiveAsync(request, eventType, dispatcher, cancellationToken))
                .WithTopic(new TopicOptions
                {
                    PubsubName = options.PubSubName,
                    Name = eventType,
                    DeadLetterTopic = options.DeadLetterTopic,
                })
                .WithName("event:" + eventType)
                .AllowAnonymous();
        }

        endpoints.MapSubscribeHandler();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, string eventType, EventDispatcher dispatcher, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var envelope = EventEnvelope.FromCloudEventJson(await reader.ReadToEndAsync(cancellationToken));
        if (envelope is null || envelope.Type != eventType)
        {
            // Redelivering a malformed event cannot help: tell daprd to drop it (it is logged there).
            return Results.Json(new { status = "DROP" });
        }

        await dispatcher.DispatchAsync(envelope, cancellationToken);
        return Results.Json(new { status = "SUCCESS" });
    }
}
