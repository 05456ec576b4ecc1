using Samverkan.Common.V1;
using Samverkan.Council.V1;

namespace Samverkan.Council.Data;

/// <summary>One version of a recommendation: decided at a meeting as a draft, then published and immutable.</summary>
public sealed class RecommendationRecord
{
    public Guid RecommendationId { get; set; }

    public int Version { get; set; }

    /// <summary>The public number, e.g. MTP-2026-007; null until first published, then shared by every version.</summary>
    public string? Number { get; set; }

    public Guid CaseId { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    /// <summary>Programme-area codes as <c>|code|code|</c>, so a filter is one LIKE on both databases.</summary>
    public string ProgrammeAreas { get; set; } = string.Empty;

    public RecommendationOutcome Outcome { get; set; }

    public RecommendationLevel Level { get; set; }

    /// <summary>Healthcare-region codes as <c>|code|code|</c> for a healthcare-regional level.</summary>
    public string HealthcareRegions { get; set; } = string.Empty;

    public RecommendationState State { get; set; }

    /// <summary>The conditions as a JSON array.</summary>
    public string Conditions { get; set; } = "[]";

    /// <summary>The structured grounds as <c>DecisionGrounds</c> in protobuf JSON.</summary>
    public string Grounds { get; set; } = "{}";

    public string Summary { get; set; } = string.Empty;

    public int PreviousVersion { get; set; }

    public string ChangeSummary { get; set; } = string.Empty;

    public Guid MeetingId { get; set; }

    public Guid AgendaItemId { get; set; }

    /// <summary>Ids of the members who took part, as <c>|id|id|</c>.</summary>
    public string Participants { get; set; } = string.Empty;

    public string DecidedBySubject { get; set; } = string.Empty;

    public string DecidedByOrganisation { get; set; } = string.Empty;

    public DateTime DecidedAt { get; set; }

    public DateOnly FollowUpDeadline { get; set; }

    public DateOnly ReviewDate { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The etag; a concurrency token.</summary>
    public int Revision { get; set; }
}
