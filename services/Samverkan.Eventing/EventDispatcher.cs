using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samverkan.ServiceDefaults.Telemetry;

namespace Samverkan.Eventing;

/// <summary>Delivers an incoming event to every handler of its type in this host, each in its own DI scope.</summary>
public sealed partial class EventDispatcher(IEnumerable<EventSubscription> subscriptions, IServiceScopeFactory scopes, ILogger<EventDispatcher> logger)
{
    private static readonly ActivitySource Source = new(TelemetryExtensions.SourceName);

    private readonly ILookup<string, EventSubscription> _byType = subscriptions.ToLookup(s => s.EventType);

    /// <summary>The event types this host handles: the topics it subscribes to.</summary>
    public IEnumerable<string> EventTypes => _byType.Select(g => g.Key);

    public bool Handles(string eventType) => _byType.Contains(eventType);

    /// <summary>Runs every handler; throws if any failed so the bus redelivers (handlers that succeeded skip the repeat).</summary>
    public async Task DispatchAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("event.handle " + envelope.Type, ActivityKind.Consumer,
            ActivityContext.TryParse(envelope.TraceParent, null, out var parent) ? parent : default);
        activity?.SetTag("cloudevents.event_id", envelope.Id);
        activity?.SetTag("cloudevents.event_type", envelope.Type);

        List<Exception>? failures = null;
        foreach (var subscription in _byType[envelope.Type])
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await subscription.InvokeAsync(scope.ServiceProvider, envelope, cancellationToken);
            }
            catch (InvalidProtocolBufferException ex)
            {
                // A payload that does not parse will not parse on redelivery either.
                LogUnreadable(logger, envelope.Id, envelope.Type, ex.Message);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, ex, subscription.HandlerType.Name, envelope.Id, envelope.Type);
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            throw new AggregateException($"Event {envelope.Id} ({envelope.Type}) failed in {failures.Count} handler(s).", failures);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "event.handler.failed", Level = LogLevel.Warning,
        Message = "{Handler} failed on event {EventId} ({EventType}); it will be redelivered")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string eventId, string eventType);

    [LoggerMessage(EventId = 2, EventName = "event.unreadable", Level = LogLevel.Error,
        Message = "Event {EventId} ({EventType}) has a payload that does not parse and is dropped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string eventId, string eventType, string reason);
}
