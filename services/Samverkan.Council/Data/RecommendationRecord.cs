using Samverkan.Common.V1;
using Samverkan.Council.V1;

namespace Samverkan.Council.Data;

/// <summary>One version of a recommendation.</summary>
public sealed class RecommendationRecord
{
    public Guid RecommendationId { get; set; }

    public int Version { get; set; }

    /// <summary>The public number, e.g. MTP-2026-007; empty until first published.</summary>
    public string Number { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    public RecommendationOutcome Outcome { get; set; }

    public RecommendationLevel Level { get; set; }

    /// <summary>Healthcare-region codes as <c>|code|code|</c> for a healthcare-regional level.</summary>
    public string HealthcareRegions { get; set; } = string.Empty;

    public RecommendationState State { get; set; }

    public DateOnly FollowUpDeadline { get; set; }

    public DateOnly ReviewDate { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
