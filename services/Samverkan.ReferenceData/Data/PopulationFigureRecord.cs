namespace Samverkan.ReferenceData.Data;

/// <summary>An imported population figure; who imported it and when is the audit trail of the import.</summary>
public sealed class PopulationFigureRecord
{
    public required string RegionCode { get; set; }

    public long Inhabitants { get; set; }

    public DateOnly AsOf { get; set; }

    public required string Source { get; set; }

    public DateTime ImportedAt { get; set; }

    public required string ImportedBy { get; set; }
}
