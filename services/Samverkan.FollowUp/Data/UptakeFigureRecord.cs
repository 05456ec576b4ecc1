using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Data;

/// <summary>A region's uptake figure for one quarter; reporting it again replaces it (the audit trail keeps the old one).</summary>
public sealed class UptakeFigureRecord
{
    public Guid RecommendationId { get; set; }

    public required string RegionCode { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public UptakeMeasure Measure { get; set; }

    public double Value { get; set; }

    public string ReportedBy { get; set; } = string.Empty;

    public string ReportedByOrganisation { get; set; } = string.Empty;

    public DateTime ReportedAt { get; set; }

    public string Reason { get; set; } = string.Empty;
}
