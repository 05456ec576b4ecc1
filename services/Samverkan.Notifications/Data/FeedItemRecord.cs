namespace Samverkan.Notifications.Data;

/// <summary>
/// One notification: an event told for people, stored once however many subscribers it reaches. The cursor is the
/// insertion order clients of the public feed resume after.
/// </summary>
public sealed class FeedItemRecord
{
    public long Cursor { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = string.Empty;

    public string CaseId { get; set; } = string.Empty;

    public DateTime OccurredAt { get; set; }

    /// <summary>The event's payload in protobuf JSON: the <c>data</c> of a webhook body.</summary>
    public string DataJson { get; set; } = "{}";
}
