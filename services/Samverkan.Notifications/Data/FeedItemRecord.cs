namespace Samverkan.Notifications.Data;

/// <summary>One entry in the in-app feed. The cursor is the insertion order clients resume after.</summary>
public sealed class FeedItemRecord
{
    public long Cursor { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public required string Title { get; set; }

    public string CaseId { get; set; } = string.Empty;

    public DateTime OccurredAt { get; set; }
}
