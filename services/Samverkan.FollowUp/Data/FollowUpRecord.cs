using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Data;

/// <summary>One region's follow-up of one recommendation.</summary>
public sealed class FollowUpRecord
{
    public Guid RecommendationId { get; set; }

    public required string RegionCode { get; set; }

    public string RecommendationNumber { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    public FollowUpStage Stage { get; set; }

    public RegionalDecision Decision { get; set; }

    public DateOnly Deadline { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
