using Google.Protobuf;

namespace Samverkan.Eventing;

/// <summary>
/// Handles one event type. The same handler class runs behind Dapr's subscription route and behind the
/// standalone host's in-process bus. Delivery is at least once: handlers remember event ids (the inbox).
/// </summary>
public interface IEventHandler<TEvent> where TEvent : IMessage<TEvent>
{
    Task HandleAsync(IncomingEvent<TEvent> incoming, CancellationToken cancellationToken);
}

/// <summary>An event delivered to a handler: the CloudEvent's id, source and time, and its payload.</summary>
public sealed record IncomingEvent<TEvent>(string Id, string Source, DateTimeOffset Time, TEvent Data);
