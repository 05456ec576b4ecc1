namespace Samverkan.Cases.Domain;

/// <summary>The council's recommendation as the case follows it, from RecommendationPublished/Revised.</summary>
[GenerateSerializer, Alias("samverkan.cases.recommendation-summary")]
public sealed class RecommendationSummary
{
    [Id(0)] public Guid RecommendationId { get; init; }
    [Id(1)] public string Number { get; init; } = string.Empty;
    [Id(2)] public int Version { get; init; }
    [Id(3)] public Outcome Outcome { get; init; }

    /// <summary>1 national, 2 healthcare-regional; numbers match <c>samverkan.common.v1.RecommendationLevel</c>.</summary>
    [Id(4)] public int Level { get; init; }

    [Id(5)] public List<string> HealthcareRegionCodes { get; init; } = [];
    [Id(6)] public string Summary { get; init; } = string.Empty;
    [Id(7)] public DateOnly FollowUpDeadline { get; init; }
    [Id(8)] public DateOnly ReviewDate { get; init; }
    [Id(9)] public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>One procurement activity touching the product, at its latest change, from ProcurementStatusChanged.</summary>
[GenerateSerializer, Alias("samverkan.cases.procurement-activity")]
public sealed class ProcurementActivity
{
    [Id(0)] public string ProcurementId { get; init; } = string.Empty;
    [Id(1)] public string Title { get; set; } = string.Empty;
    [Id(2)] public string LatestChange { get; set; } = string.Empty;
    [Id(3)] public string Summary { get; set; } = string.Empty;
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The event the activity was last updated from; a redelivery of it changes nothing.</summary>
    [Id(5)] public string LastEventId { get; set; } = string.Empty;
}

/// <summary>One region's follow-up of the recommendation, at its latest report, from FollowUpReported/Overdue.</summary>
[GenerateSerializer, Alias("samverkan.cases.region-follow-up")]
public sealed class RegionFollowUp
{
    [Id(0)] public string RegionCode { get; init; } = string.Empty;

    /// <summary>Numbers match <c>samverkan.followup.v1.FollowUpStage</c>.</summary>
    [Id(1)] public int Stage { get; set; }

    /// <summary>Numbers match <c>samverkan.followup.v1.RegionalDecision</c>; 0 until decided.</summary>
    [Id(2)] public int Decision { get; set; }

    [Id(3)] public bool Overdue { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(5)] public string LastEventId { get; set; } = string.Empty;
}
