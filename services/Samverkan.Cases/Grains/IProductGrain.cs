using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Grains;

/// <summary>One product and its case, keyed by the case id. All changes to a case go through its grain.</summary>
[Alias("samverkan.cases.IProductGrain")]
public interface IProductGrain : IGrainWithGuidKey
{
    /// <summary>Registers the product and opens its case; repeating the same request returns the first result.</summary>
    [Alias("register")]
    Task<CaseSnapshot> RegisterAsync(RegisterProduct command);

    /// <summary>The case, or null when no product has been registered under this id.</summary>
    [Alias("get")]
    Task<CaseSnapshot?> GetAsync();

    /// <summary>The case's timeline, oldest first.</summary>
    [Alias("timeline")]
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync();

    [Alias("nominate")]
    Task<CaseSnapshot> NominateAsync(Nominate command);

    [Alias("prioritise")]
    Task<CaseSnapshot> PrioritiseAsync(Prioritise command);

    [Alias("accept")]
    Task<CaseSnapshot> AcceptAsync(Accept command);

    [Alias("decline")]
    Task<CaseSnapshot> DeclineAsync(Decline command);

    /// <summary>Orders an assessment; repeating the same assessment id returns the case unchanged.</summary>
    [Alias("order-assessment")]
    Task<CaseSnapshot> OrderAssessmentAsync(OrderAssessment command);

    [Alias("record-assessment-delivery")]
    Task<CaseSnapshot> RecordAssessmentDeliveryAsync(RecordAssessmentDelivery command);

    [Alias("mark-ready-for-council")]
    Task<CaseSnapshot> MarkReadyForCouncilAsync(MarkReadyForCouncil command);

    [Alias("close")]
    Task<CaseSnapshot> CloseAsync(Close command);

    /// <summary>An ordered assessment's expected date passed: flags it and publishes AssessmentOverdue, once, if undelivered.</summary>
    [Alias("assessment-due")]
    Task AssessmentDueAsync(Guid assessmentId);

    [Alias("recommendation-reported")]
    Task RecommendationReportedAsync(RecommendationReported reported);

    [Alias("review-due-reported")]
    Task ReviewDueReportedAsync(ReviewDueReported reported);

    [Alias("procurement-reported")]
    Task ProcurementReportedAsync(ProcurementReported reported);

    [Alias("follow-up-reported")]
    Task FollowUpReportedAsync(FollowUpReported reported);
}

/// <summary>Register a product from horizon scanning.</summary>
[GenerateSerializer, Alias("samverkan.cases.register-product")]
public sealed class RegisterProduct
{
    [Id(0)] public Guid RequestId { get; init; }
    [Id(1)] public ProductDetails Product { get; init; } = new();
    [Id(2)] public AuditActor Actor { get; init; } = new();
}

/// <summary>A read of a case at one version: everything but its timeline.</summary>
[GenerateSerializer, Alias("samverkan.cases.case-snapshot")]
public sealed class CaseSnapshot
{
    [Id(0)] public Guid CaseId { get; init; }
    [Id(1)] public int Version { get; init; }
    [Id(2)] public ProductDetails Product { get; init; } = new();
    [Id(3)] public CaseStatus Status { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(6)] public Prioritisation? Prioritisation { get; init; }
    [Id(7)] public CaseDecision? Decision { get; init; }
    [Id(8)] public List<Assessment> Assessments { get; init; } = [];
    [Id(9)] public RecommendationSummary? Recommendation { get; init; }
    [Id(10)] public List<ProcurementActivity> ProcurementActivities { get; init; } = [];
    [Id(11)] public List<RegionFollowUp> RegionFollowUps { get; init; } = [];
    [Id(12)] public string ClosureGrounds { get; init; } = string.Empty;
}
