using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Data;

/// <summary>An innovation partnership or a pre-commercial procurement.</summary>
public sealed class InnovationRecord
{
    public Guid ProcurementId { get; set; }

    public InnovationProcurementKind Kind { get; set; }

    public required string Title { get; set; }

    public string NeedStatement { get; set; } = string.Empty;

    public List<PartnerRecord> Partners { get; set; } = [];

    public List<MilestoneRecord> Milestones { get; set; } = [];

    public InnovationPhase CurrentPhase { get; set; }

    public List<Guid> RecommendationIds { get; set; } = [];

    public List<Guid> CaseIds { get; set; } = [];

    public List<string> RegionCodes { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>The etag: raised by every change.</summary>
    public int Revision { get; set; }
}

public sealed class PartnerRecord
{
    public Guid ProcurementId { get; set; }

    public required string OrganisationNumber { get; set; }

    public required string Name { get; set; }

    public InnovationPhase DroppedAfter { get; set; }
}

/// <summary>A phase's interim target and the day it should be reached by.</summary>
public sealed class MilestoneRecord
{
    public Guid ProcurementId { get; set; }

    public InnovationPhase Phase { get; set; }

    public required string InterimTarget { get; set; }

    public DateOnly TargetDate { get; set; }

    public DateTime? ReachedAt { get; set; }
}
