using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Samverkan.Common.V1;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Grpc;

/// <summary>Records to contract messages.</summary>
internal static class FollowUpMapping
{
    public static V1.FollowUp ToProto(this FollowUpRecord f, string regionName, RecommendationRecord? recommendation, IEnumerable<StageReportRecord> history) => new()
    {
        Name = FollowUpNames.Format(f.RecommendationId, f.RegionCode),
        RecommendationId = f.RecommendationId.ToString(),
        RecommendationNumber = f.RecommendationNumber,
        CaseId = f.CaseId.ToString(),
        RegionCode = f.RegionCode,
        Stage = f.Stage,
        Decision = f.Decision,
        Deadline = f.Deadline.ToProto(),
        UpdateTime = Utc(f.UpdatedAt),
        Etag = f.Version.ToString(CultureInfo.InvariantCulture),
        RecommendationVersion = f.RecommendationVersion,
        RegionName = regionName,
        Overdue = f.Overdue,
        ConfirmationRequested = f.ConfirmationRequested,
        History = { history.Select(ToProto) },
        PublishTime = recommendation is null ? null : Utc(recommendation.VersionPublishedAt),
    };

    public static StageReport ToProto(this StageReportRecord s) => new()
    {
        Stage = s.Stage,
        Date = s.Date.ToProto(),
        Audit = new AuditInfo
        {
            Actor = new Actor { Subject = s.ActorSubject, Organisation = s.ActorOrganisation, RegionCode = s.ActorRegion },
            Time = Utc(s.ReportedAt),
            Reason = s.Reason,
        },
        DocumentUri = s.DocumentUri,
        Decision = s.Decision,
        DecisionGrounds = s.DecisionGrounds,
        DecisionReference = s.DecisionReference,
        Kind = s.Kind,
        RecommendationVersion = s.RecommendationVersion,
    };

    public static Date ToProto(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static Timestamp Utc(DateTime at) => Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
