using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Data;

/// <summary>A worklist item: decide how a recommendation meets procurement.</summary>
public sealed class CoordinationItemRecord
{
    public Guid ItemId { get; set; }

    public Guid RecommendationId { get; set; }

    public string RecommendationNumber { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    public required string Title { get; set; }

    public CoordinationItemState State { get; set; }

    public DateTime CreatedAt { get; set; }
}
