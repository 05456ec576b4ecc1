using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Data;

/// <summary>One entry of a follow-up's history; entries are only ever added, a correction is a new entry.</summary>
public sealed class StageReportRecord
{
    public long Id { get; set; }

    public Guid RecommendationId { get; set; }

    public required string RegionCode { get; set; }

    /// <summary>The follow-up's version this entry produced.</summary>
    public int FollowUpVersion { get; set; }

    public int RecommendationVersion { get; set; }

    public StageReportKind Kind { get; set; }

    public FollowUpStage Stage { get; set; }

    public DateOnly Date { get; set; }

    public RegionalDecision Decision { get; set; }

    public string DecisionGrounds { get; set; } = string.Empty;

    public string DecisionReference { get; set; } = string.Empty;

    public string DocumentUri { get; set; } = string.Empty;

    public string ActorSubject { get; set; } = string.Empty;

    public string ActorOrganisation { get; set; } = string.Empty;

    public string ActorRegion { get; set; } = string.Empty;

    public DateTime ReportedAt { get; set; }

    public string Reason { get; set; } = string.Empty;
}
