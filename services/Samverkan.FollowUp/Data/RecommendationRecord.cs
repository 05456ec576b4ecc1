namespace Samverkan.FollowUp.Data;

/// <summary>A recommendation as the follow-up knows it: from the council's publication events.</summary>
public sealed class RecommendationRecord
{
    public Guid RecommendationId { get; set; }

    public string Number { get; set; } = string.Empty;

    public int Version { get; set; }

    public Guid CaseId { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    public DateOnly Deadline { get; set; }

    /// <summary>When version 1 was published: lead times count from here.</summary>
    public DateTime FirstPublishedAt { get; set; }

    /// <summary>When the current version was published.</summary>
    public DateTime VersionPublishedAt { get; set; }

    public RecommendationRecord Copy() => (RecommendationRecord)MemberwiseClone();
}
