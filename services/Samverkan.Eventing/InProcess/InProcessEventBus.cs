namespace Samverkan.Eventing.InProcess;

/// <summary>
/// The standalone host's bus: the relay's publish is the delivery, to the same handlers daprd would call.
/// It only counts as accepted when every handler succeeded, so a failing handler makes the relay retry
/// and nothing is lost across a restart.
/// </summary>
public sealed class InProcessEventBus(EventDispatcher dispatcher) : IEventBus
{
    public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(envelope, cancellationToken);
}
