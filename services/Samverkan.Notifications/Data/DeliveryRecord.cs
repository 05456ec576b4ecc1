using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Data;

/// <summary>
/// One notification to one subscriber on one channel. Stored in the same transaction as the event's inbox mark, and
/// sent from here, so a crash in between loses nothing. The sequence is the subscriber's feed cursor.
/// </summary>
public sealed class DeliveryRecord
{
    public long Sequence { get; set; }

    /// <summary>The delivery's id: the webhook-id a receiver de-duplicates on, and the e-mail's Message-ID.</summary>
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public long FeedItemCursor { get; set; }

    public FeedItemRecord? FeedItem { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public Channel Channel { get; set; }

    public string Recipient { get; set; } = string.Empty;

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it is tried (next): now for an immediate subscription, the digest's time for a digest.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>While an attempt is under way, until when it belongs to the instance making it.</summary>
    public DateTime? LockedUntil { get; set; }

    public DateTime? SentAt { get; set; }
}
