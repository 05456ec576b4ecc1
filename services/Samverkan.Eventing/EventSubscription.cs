using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Samverkan.Eventing;

/// <summary>One handler's interest in one event type; the dispatcher and the Dapr routes are built from these.</summary>
public sealed class EventSubscription
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private EventSubscription(string eventType, Type handlerType, Func<IServiceProvider, EventEnvelope, CancellationToken, Task> invoke)
    {
        EventType = eventType;
        HandlerType = handlerType;
        _invoke = invoke;
    }

    private readonly Func<IServiceProvider, EventEnvelope, CancellationToken, Task> _invoke;

    /// <summary>The event's full protobuf name, which is also its CloudEvent type and its topic.</summary>
    public string EventType { get; }

    public Type HandlerType { get; }

    public Task InvokeAsync(IServiceProvider services, EventEnvelope envelope, CancellationToken cancellationToken) =>
        _invoke(services, envelope, cancellationToken);

    public static EventSubscription For<TEvent, THandler>()
        where TEvent : IMessage<TEvent>, new()
        where THandler : IEventHandler<TEvent>
    {
        var descriptor = new TEvent().Descriptor;
        return new EventSubscription(descriptor.FullName, typeof(THandler), (services, envelope, cancellationToken) =>
        {
            var data = (TEvent)Parser.Parse(envelope.DataJson, descriptor);
            var handler = services.GetRequiredService<THandler>();
            return handler.HandleAsync(new IncomingEvent<TEvent>(envelope.Id, envelope.Source, envelope.Time, data), cancellationToken);
        });
    }

    /// <summary>The CloudEvent type of a payload message.</summary>
    public static string TypeOf(MessageDescriptor descriptor) => descriptor.FullName;
}
