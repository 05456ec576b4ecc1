using Samverkan.Eventing;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>A bus that refuses the first <c>failures</c> publishes, then accepts and records every event.</summary>
internal sealed class FlakyBus(int failures) : IEventBus
{
    private int _refusalsLeft = failures;

    public List<EventEnvelope> Accepted { get; } = [];

    public int Calls { get; private set; }

    public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        Calls++;
        if (_refusalsLeft > 0)
        {
            _refusalsLeft--;
            throw new InvalidOperationException("broker unavailable");
        }

        Accepted.Add(envelope);
        return Task.CompletedTask;
    }
}
