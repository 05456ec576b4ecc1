using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Data;

/// <summary>One region's follow-up of one recommendation: its current stage; the history is in <see cref="StageReportRecord"/>.</summary>
public sealed class FollowUpRecord
{
    public Guid RecommendationId { get; set; }

    public required string RegionCode { get; set; }

    public string RecommendationNumber { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    public FollowUpStage Stage { get; set; }

    public RegionalDecision Decision { get; set; }

    public DateOnly Deadline { get; set; }

    /// <summary>Increases with every change; the etag, and the concurrency token that stops two writers.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The recommendation version the follow-up concerns.</summary>
    public int RecommendationVersion { get; set; }

    /// <summary>The date the current stage was reached; null while open.</summary>
    public DateOnly? StageDate { get; set; }

    /// <summary>The date of the region's decision, once decided.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>Set when the deadline passed undecided (and <c>FollowUpOverdue</c> was emitted for it).</summary>
    public bool Overdue { get; set; }

    /// <summary>Set by a revision of a decided recommendation until the region confirms its decision.</summary>
    public bool ConfirmationRequested { get; set; }

    public FollowUpRecord Copy() => (FollowUpRecord)MemberwiseClone();
}
