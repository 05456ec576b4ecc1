using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Samverkan.Cases.Data;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.FollowUp.V1;
using CommonDate = Samverkan.Common.V1.Date;

namespace Samverkan.Cases.Grpc;

/// <summary>Between the contract's messages and the domain's types. Enum numbers are shared, so enums cast.</summary>
internal static class CaseMapping
{
    public const string Collection = "cases";

    public static string ResourceName(Guid caseId) => $"{Collection}/{caseId}";

    public static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static Case ToProto(this CaseSnapshot snapshot) => new()
    {
        Name = ResourceName(snapshot.CaseId),
        CaseId = snapshot.CaseId.ToString(),
        Product = snapshot.Product.ToProto(),
        State = (CaseState)snapshot.Status,
        CreateTime = Timestamp.FromDateTimeOffset(snapshot.CreatedAt),
        UpdateTime = Timestamp.FromDateTimeOffset(snapshot.UpdatedAt),
        Etag = Etag(snapshot.Version),
        Prioritisation = snapshot.Prioritisation?.ToProto(),
        Decision = snapshot.Decision?.ToProto(),
        Assessments = { snapshot.Assessments.Select(a => a.ToProto()) },
        Recommendation = snapshot.Recommendation?.ToProto(),
        ProcurementActivities = { snapshot.ProcurementActivities.Select(a => a.ToProto()) },
        RegionFollowUps = { snapshot.RegionFollowUps.Select(r => r.ToProto()) },
        ClosureGrounds = snapshot.ClosureGrounds,
    };

    public static V1.Product ToProto(this ProductDetails product) => new()
    {
        DisplayName = product.DisplayName,
        Manufacturer = product.Manufacturer,
        Description = product.Description,
        Regulation = (V1.Regulation)product.Regulation,
        RiskClass = (V1.RiskClass)product.RiskClass,
        CeMarkingStatus = (CeMarkingStatus)product.CeMarking,
        IsSoftware = product.IsSoftware,
        BasicUdiDi = product.BasicUdiDi,
        EmdnCode = product.EmdnCode,
        ProgrammeAreaCodes = { product.ProgrammeAreaCodes },
        Source = (V1.ProductSource)product.Source,
        SourceDetail = product.SourceDetail,
        ExpectedMarketDate = product.ExpectedMarketDate?.ToProto(),
    };

    public static CaseSummary ToProto(this CaseRecord c) => new()
    {
        Name = ResourceName(c.CaseId),
        CaseId = c.CaseId.ToString(),
        ProductDisplayName = c.DisplayName,
        Manufacturer = c.Manufacturer,
        State = (CaseState)c.Status,
        RiskClass = (V1.RiskClass)c.RiskClass,
        Source = (V1.ProductSource)c.Source,
        ProgrammeAreaCodes = { c.ProgrammeAreas.Split('|', StringSplitOptions.RemoveEmptyEntries) },
        CreateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc)),
        UpdateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc)),
        Etag = Etag(c.Version),
    };

    public static OverdueAssessment ToProto(this AssessmentRecord a) => new()
    {
        CaseName = ResourceName(a.CaseId),
        ProductDisplayName = a.ProductDisplayName,
        Assessment = new V1.Assessment
        {
            AssessmentId = a.AssessmentId.ToString(),
            Assessor = (V1.Assessor)a.Assessor,
            AssessorUnit = a.AssessorUnit,
            Question = a.Question,
            ExpectedDeliveryDate = a.ExpectedDeliveryDate.ToProto(),
            OrderTime = Timestamp.FromDateTime(DateTime.SpecifyKind(a.OrderedAt, DateTimeKind.Utc)),
            Overdue = a.Overdue,
        },
    };

    public static V1.TimelineEntry ToProto(this Grains.TimelineEntry e) => new()
    {
        Etag = Etag(e.Version),
        Action = e.What,
        State = (CaseState)e.Status,
        Audit = e.Actor.ToAudit(e.At, e.Why),
        Details = e.Details,
    };

    private static V1.Prioritisation ToProto(this Domain.Prioritisation p) => new()
    {
        PatientNear = p.PatientNear,
        LargeVolumeOrCost = p.LargeVolumeOrCost,
        EstimatedTotalCost = p.EstimatedTotalCostSek is { } sek ? new Money { CurrencyCode = "SEK", Units = sek } : null,
        RiskOfUnequalUse = p.RiskOfUnequalUse,
        LargePatientValue = p.LargePatientValue,
        Grounds = p.Grounds,
        PrioritiseTime = Timestamp.FromDateTimeOffset(p.PrioritisedAt),
    };

    private static V1.CaseDecision ToProto(this Domain.CaseDecision d) => new()
    {
        Accepted = d.Accepted,
        InterimAdvice = d.Accepted ? (RecommendationOutcome)d.InterimAdvice : RecommendationOutcome.Unspecified,
        Grounds = d.Grounds,
        Audit = d.Actor.ToAudit(d.DecidedAt, d.Grounds),
    };

    private static V1.Assessment ToProto(this Domain.Assessment a) => new()
    {
        AssessmentId = a.AssessmentId.ToString(),
        Assessor = (V1.Assessor)a.Assessor,
        AssessorUnit = a.AssessorUnit,
        Question = a.Question,
        ExpectedDeliveryDate = a.ExpectedDeliveryDate.ToProto(),
        OrderTime = Timestamp.FromDateTimeOffset(a.OrderedAt),
        DeliveryTime = a.DeliveredAt is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
        ReportReference = a.ReportReference,
        Summary = a.Summary,
        Overdue = a.Overdue,
    };

    private static V1.RecommendationSummary ToProto(this Domain.RecommendationSummary r) => new()
    {
        RecommendationId = r.RecommendationId.ToString(),
        Number = r.Number,
        Version = r.Version,
        Outcome = (RecommendationOutcome)r.Outcome,
        Level = (RecommendationLevel)r.Level,
        HealthcareRegionCodes = { r.HealthcareRegionCodes },
        Summary = r.Summary,
        FollowUpDeadline = r.FollowUpDeadline.ToProto(),
        ReviewDate = r.ReviewDate.ToProto(),
        PublishTime = Timestamp.FromDateTimeOffset(r.PublishedAt),
    };

    private static V1.ProcurementActivity ToProto(this Domain.ProcurementActivity a) => new()
    {
        ProcurementId = a.ProcurementId,
        Title = a.Title,
        LatestChange = a.LatestChange,
        Summary = a.Summary,
        UpdateTime = Timestamp.FromDateTimeOffset(a.UpdatedAt),
    };

    private static V1.RegionFollowUp ToProto(this Domain.RegionFollowUp r) => new()
    {
        RegionCode = r.RegionCode,
        Stage = (FollowUpStage)r.Stage,
        Decision = (RegionalDecision)r.Decision,
        Overdue = r.Overdue,
        UpdateTime = Timestamp.FromDateTimeOffset(r.UpdatedAt),
    };

    private static CommonDate ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
