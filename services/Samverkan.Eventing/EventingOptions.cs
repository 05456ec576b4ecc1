namespace Samverkan.Eventing;

/// <summary>Which bus carries events (configuration sections <c>EventBus</c> and <c>Dapr</c>).</summary>
public sealed class EventingOptions
{
    public EventBusKind Kind { get; set; } = EventBusKind.Dapr;

    /// <summary>The Dapr pub/sub component's name.</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>Where daprd puts events that keep failing in a subscriber.</summary>
    public string DeadLetterTopic { get; set; } = "samverkan.deadletter";
}

public enum EventBusKind
{
    /// <summary>Dapr pub/sub through the sidecar (Kubernetes).</summary>
    Dapr,

    /// <summary>Direct delivery to this process's handlers (the standalone host).</summary>
    InProcess,
}
