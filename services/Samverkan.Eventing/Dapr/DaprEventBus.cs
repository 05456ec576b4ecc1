using System.Text;
using Dapr.Client;
using Microsoft.Extensions.Options;

namespace Samverkan.Eventing.Dapr;

/// <summary>
/// Publishes through the Dapr sidecar. The event goes as a complete CloudEvent
/// (<c>application/cloudevents+json</c>) so Dapr keeps our id, type and source instead of minting its own.
/// </summary>
public sealed class DaprEventBus(DaprClient dapr, IOptions<EventingOptions> options) : IEventBus
{
    public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken) =>
        dapr.PublishByteEventAsync(
            options.Value.PubSubName,
            envelope.Type,
            Encoding.UTF8.GetBytes(envelope.ToCloudEventJson()),
            EventEnvelope.ContentType,
            cancellationToken: cancellationToken);
}
