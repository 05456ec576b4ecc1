namespace Samverkan.Eventing;

/// <summary>
/// The port to the broker. Only the outbox relay publishes through it: services store events in their outbox,
/// in the same transaction as the change, and the relay hands them over until the bus accepts them.
/// </summary>
public interface IEventBus
{
    /// <summary>Completes when the bus has accepted the event; throws when it has not, so the relay retries.</summary>
    Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}
