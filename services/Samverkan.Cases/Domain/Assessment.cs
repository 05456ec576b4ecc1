namespace Samverkan.Cases.Domain;

/// <summary>An assessment (HTA) ordered for a case.</summary>
[GenerateSerializer, Alias("samverkan.cases.assessment")]
public sealed class Assessment
{
    [Id(0)] public Guid AssessmentId { get; init; }
    [Id(1)] public Assessor Assessor { get; init; }
    [Id(2)] public string AssessorUnit { get; init; } = string.Empty;
    [Id(3)] public string Question { get; init; } = string.Empty;
    [Id(4)] public DateOnly ExpectedDeliveryDate { get; init; }
    [Id(5)] public DateTimeOffset OrderedAt { get; init; }
    [Id(6)] public DateTimeOffset? DeliveredAt { get; set; }
    [Id(7)] public string ReportReference { get; set; } = string.Empty;
    [Id(8)] public string Summary { get; set; } = string.Empty;

    /// <summary>Set once, when the expected date passed undelivered and AssessmentOverdue was published.</summary>
    [Id(9)] public bool Overdue { get; set; }

    public bool IsDelivered => DeliveredAt is not null;

    /// <summary>Who performs it, as people say it: "TLV", "SBU" or the regional unit's name.</summary>
    public string AssessorName => Assessor switch
    {
        Assessor.Tlv => "TLV",
        Assessor.Sbu => "SBU",
        _ => AssessorUnit,
    };
}

/// <summary>Who performs an assessment. Numbers match <c>samverkan.cases.v1.Assessor</c>.</summary>
public enum Assessor
{
    Tlv = 1,
    Sbu = 2,
    RegionalHta = 3,
}
