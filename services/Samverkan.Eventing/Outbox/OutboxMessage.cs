using Google.Protobuf;

namespace Samverkan.Eventing.Outbox;

/// <summary>An event stored with the state change that caused it, waiting to be relayed to the bus.</summary>
public sealed class OutboxMessage
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Insertion order; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The CloudEvent id, chosen once so every retry carries the same id.</summary>
    public required string EventId { get; set; }

    public required string Type { get; set; }

    public required string Source { get; set; }

    public DateTime OccurredAt { get; set; }

    public string? TraceParent { get; set; }

    /// <summary>The payload in protobuf JSON.</summary>
    public required string Data { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A new message for <paramref name="payload"/>, with a fresh event id and the current trace.</summary>
    public static OutboxMessage Create(IMessage payload, string source, DateTimeOffset occurredAt, string? eventId = null) => new()
    {
        EventId = eventId ?? Guid.NewGuid().ToString(),
        Type = payload.Descriptor.FullName,
        Source = source,
        OccurredAt = occurredAt.UtcDateTime,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
        Data = Formatter.Format(payload),
        NextAttemptAt = DateTime.MinValue,
    };

    public EventEnvelope ToEnvelope() =>
        new(EventId, Type, Source, new DateTimeOffset(DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc)), TraceParent, Data);
}
