using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Data;

/// <summary>A worklist item: decide how a recommendation meets procurement.</summary>
public sealed class CoordinationItemRecord
{
    public Guid ItemId { get; set; }

    public Guid RecommendationId { get; set; }

    public string RecommendationNumber { get; set; } = string.Empty;

    /// <summary>The recommendation's version the item shows.</summary>
    public int RecommendationVersion { get; set; }

    /// <summary>What the latest revision changed, from the council's change summary.</summary>
    public string RevisionSummary { get; set; } = string.Empty;

    public DateTime? RevisedAt { get; set; }

    public Guid CaseId { get; set; }

    public required string Title { get; set; }

    public CoordinationItemState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    public List<string> ProgrammeAreaCodes { get; set; } = [];

    public PurchasingStrategy Strategy { get; set; }

    public string Grounds { get; set; } = string.Empty;

    public List<string> RegionCodes { get; set; } = [];

    public DateTime? DecidedAt { get; set; }

    public string DecidedBy { get; set; } = string.Empty;

    public string DecidedByOrganisation { get; set; } = string.Empty;

    /// <summary>The etag: raised by every change.</summary>
    public int Revision { get; set; }
}
