using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Data;

/// <summary>A case as the list/search read model holds it; written only by <see cref="CaseProjection"/>.</summary>
public sealed class CaseRecord
{
    public Guid CaseId { get; set; }

    /// <summary>The grain state's version this row reflects; a projection never overwrites a newer one.</summary>
    public int Version { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    public string Manufacturer { get; set; } = string.Empty;

    /// <summary>Name and manufacturer in lower case, for text search that behaves the same on SQLite and PostgreSQL.</summary>
    public string SearchText { get; set; } = string.Empty;

    public CaseStatus Status { get; set; }

    public RiskClass RiskClass { get; set; }

    public ProductSource Source { get; set; }

    /// <summary>Programme-area codes as <c>|code|code|</c>, so a filter is one LIKE on both databases.</summary>
    public string ProgrammeAreas { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
