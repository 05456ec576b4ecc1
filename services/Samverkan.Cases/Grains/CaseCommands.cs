using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Grains;

/// <summary>A change a person asks for: who asks, and the case version they last read (the etag).</summary>
[GenerateSerializer, Alias("samverkan.cases.case-command")]
public abstract class CaseCommand
{
    [Id(0)] public int ExpectedVersion { get; init; }
    [Id(1)] public AuditActor Actor { get; init; } = new();

    /// <summary>Why, in the actor's own words.</summary>
    [Id(2)] public string Reason { get; init; } = string.Empty;

    /// <summary>Set for a region's contact person: the command may touch only products that region reported.</summary>
    [Id(3)] public string? RestrictedToRegion { get; init; }
}

[GenerateSerializer, Alias("samverkan.cases.nominate")]
public sealed class Nominate : CaseCommand;

[GenerateSerializer, Alias("samverkan.cases.prioritise")]
public sealed class Prioritise : CaseCommand
{
    [Id(0)] public Prioritisation Prioritisation { get; init; } = new();
}

[GenerateSerializer, Alias("samverkan.cases.accept")]
public sealed class Accept : CaseCommand
{
    [Id(0)] public Outcome InterimAdvice { get; init; } = Outcome.Await;
}

[GenerateSerializer, Alias("samverkan.cases.decline")]
public sealed class Decline : CaseCommand;

[GenerateSerializer, Alias("samverkan.cases.order-assessment")]
public sealed class OrderAssessment : CaseCommand
{
    [Id(0)] public Guid AssessmentId { get; init; }
    [Id(1)] public Assessor Assessor { get; init; }
    [Id(2)] public string AssessorUnit { get; init; } = string.Empty;
    [Id(3)] public string Question { get; init; } = string.Empty;
    [Id(4)] public DateOnly ExpectedDeliveryDate { get; init; }
}

[GenerateSerializer, Alias("samverkan.cases.record-assessment-delivery")]
public sealed class RecordAssessmentDelivery : CaseCommand
{
    [Id(0)] public Guid AssessmentId { get; init; }
    [Id(1)] public string ReportReference { get; init; } = string.Empty;
    [Id(2)] public string Summary { get; init; } = string.Empty;
}

[GenerateSerializer, Alias("samverkan.cases.mark-ready-for-council")]
public sealed class MarkReadyForCouncil : CaseCommand;

[GenerateSerializer, Alias("samverkan.cases.close")]
public sealed class Close : CaseCommand;

/// <summary>What another service reported, from one delivered event: its id makes a redelivery change nothing.</summary>
[GenerateSerializer, Alias("samverkan.cases.reported")]
public abstract class Reported
{
    [Id(0)] public string EventId { get; init; } = string.Empty;
    [Id(1)] public AuditActor Actor { get; init; } = new();
    [Id(2)] public DateTimeOffset At { get; init; }
}

[GenerateSerializer, Alias("samverkan.cases.recommendation-reported")]
public sealed class RecommendationReported : Reported
{
    [Id(0)] public RecommendationSummary Recommendation { get; init; } = new();

    /// <summary>What changed, for a revision; empty for a first publication.</summary>
    [Id(1)] public string ChangeSummary { get; init; } = string.Empty;
}

[GenerateSerializer, Alias("samverkan.cases.review-due-reported")]
public sealed class ReviewDueReported : Reported
{
    [Id(0)] public Guid RecommendationId { get; init; }
    [Id(1)] public int Version { get; init; }
}

[GenerateSerializer, Alias("samverkan.cases.procurement-reported")]
public sealed class ProcurementReported : Reported
{
    [Id(0)] public string ProcurementId { get; init; } = string.Empty;
    [Id(1)] public string Title { get; init; } = string.Empty;
    [Id(2)] public string Change { get; init; } = string.Empty;
    [Id(3)] public string Summary { get; init; } = string.Empty;
}

[GenerateSerializer, Alias("samverkan.cases.follow-up-reported")]
public sealed class FollowUpReported : Reported
{
    [Id(0)] public string RegionCode { get; init; } = string.Empty;
    [Id(1)] public int Stage { get; init; }
    [Id(2)] public int Decision { get; init; }
    [Id(3)] public bool Overdue { get; init; }
}
