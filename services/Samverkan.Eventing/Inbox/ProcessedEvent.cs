namespace Samverkan.Eventing.Inbox;

/// <summary>That a handler has processed an event; stored with the handler's changes so a redelivery is skipped.</summary>
public sealed class ProcessedEvent
{
    public required string EventId { get; set; }

    public required string Handler { get; set; }

    public DateTime ProcessedAt { get; set; }
}
