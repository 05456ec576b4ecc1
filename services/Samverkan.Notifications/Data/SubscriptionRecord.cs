using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Data;

/// <summary>A subscriber's standing request to be told of events; kept after unsubscribing so the delivery log stays whole.</summary>
public sealed class SubscriptionRecord
{
    public Guid Id { get; set; }

    public Channel Channel { get; set; }

    /// <summary>The e-mail address or webhook URL; empty for a feed.</summary>
    public string Address { get; set; } = string.Empty;

    public List<string> EventTypes { get; set; } = [];

    public List<string> ProgrammeAreaCodes { get; set; } = [];

    public List<string> CaseIds { get; set; } = [];

    public List<string> RecommendationIds { get; set; } = [];

    public List<string> RegionCodes { get; set; } = [];

    public List<string> ProcurementIds { get; set; } = [];

    /// <summary>Which kinds of reminder reach it; empty for every kind. Other notifications are not filtered by it.</summary>
    public List<ReminderKind> ReminderKinds { get; set; } = [];

    public Cadence Cadence { get; set; }

    /// <summary>The token subject that created it.</summary>
    public required string Owner { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>Created by registering a region contact person rather than chosen by the subscriber.</summary>
    public bool RegionContactDefault { get; set; }

    /// <summary>The key the unsubscribe link of this subscription is signed with (base64), so a link fits no other.</summary>
    public required string UnsubscribeKey { get; set; }

    /// <summary>The webhook signing secret (<c>whsec_…</c>); null for other channels.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The secret before the last rotation, which keeps signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousWebhookSecret { get; set; }

    public DateTime? PreviousSecretExpiresAt { get; set; }
}
