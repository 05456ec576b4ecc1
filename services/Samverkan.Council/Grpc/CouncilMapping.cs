using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Samverkan.Common.V1;
using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;
using static Samverkan.Council.Events.RecommendationEvents;

namespace Samverkan.Council.Grpc;

/// <summary>Records to their contract form.</summary>
internal static class CouncilMapping
{
    private static readonly JsonParser GroundsParser = new(JsonParser.Settings.Default);

    public static Timestamp ToTimestamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Member ToProto(this MemberRecord m) => new()
    {
        Name = CouncilNames.Member(m.MemberId),
        MemberId = m.MemberId.ToString(),
        Subject = m.Subject,
        DisplayName = m.DisplayName,
        Role = m.Role,
        HealthcareRegionCode = m.HealthcareRegionCode,
        TermStart = ToDate(m.TermStart),
        TermEnd = ToDate(m.TermEnd),
        Etag = Etags.Etag(m.Revision),
    };

    public static Meeting ToProto(this MeetingRecord m, IReadOnlyDictionary<Guid, MemberRecord> members) => new()
    {
        Name = CouncilNames.Meeting(m.MeetingId),
        MeetingId = m.MeetingId.ToString(),
        MeetingDate = ToDate(m.MeetingDate),
        Location = m.Location,
        State = m.State,
        AgendaItems = { m.AgendaItems.OrderBy(i => i.Position).Select(i => i.ToProto(members)) },
        Minutes = m.Minutes,
        MinutesApprovedBy = { Stored.Codes(m.MinutesApprovedBy).Select(id => CouncilNames.Member(Guid.Parse(id))) },
        Etag = Etags.Etag(m.Revision),
        CreateTime = ToTimestamp(m.CreatedAt),
        UpdateTime = ToTimestamp(m.UpdatedAt),
    };

    public static ConflictDeclaration ToProto(this ConflictRecord c, IReadOnlyDictionary<Guid, MemberRecord> members) => new()
    {
        Member = CouncilNames.Member(c.MemberId),
        MemberDisplayName = members.GetValueOrDefault(c.MemberId)?.DisplayName ?? string.Empty,
        Reason = c.Reason,
        Audit = new AuditInfo
        {
            Actor = new Actor { Subject = c.DeclaredBySubject, Organisation = c.DeclaredByOrganisation },
            Time = ToTimestamp(c.DeclaredAt),
            Reason = c.Reason,
        },
    };

    public static Recommendation ToProto(this RecommendationRecord r) => new()
    {
        Name = CouncilNames.Recommendation(r.RecommendationId, r.Version),
        RecommendationId = r.RecommendationId.ToString(),
        Number = r.Number ?? string.Empty,
        Version = r.Version,
        CaseId = r.CaseId.ToString(),
        ProductDisplayName = r.ProductDisplayName,
        Outcome = r.Outcome,
        Level = r.Level,
        HealthcareRegionCodes = { Stored.Codes(r.HealthcareRegions) },
        State = r.State,
        FollowUpDeadline = ToDate(r.FollowUpDeadline),
        ReviewDate = ToDate(r.ReviewDate),
        PublishTime = r.PublishedAt is { } published ? ToTimestamp(published) : null,
        ProgrammeAreaCodes = { Stored.Codes(r.ProgrammeAreas) },
        Conditions = { Stored.Texts(r.Conditions) },
        Grounds = r.ParseGrounds(),
        Summary = r.Summary,
        PreviousVersion = r.PreviousVersion,
        ChangeSummary = r.ChangeSummary,
        Meeting = CouncilNames.Meeting(r.MeetingId),
        AgendaItem = CouncilNames.AgendaItem(r.MeetingId, r.AgendaItemId),
        DecideTime = ToTimestamp(r.DecidedAt),
        Etag = Etags.Etag(r.Revision),
    };

    public static DecisionGrounds ParseGrounds(this RecommendationRecord r) => GroundsParser.Parse<DecisionGrounds>(r.Grounds);

    public static DecisionParticipant ToParticipant(this MemberRecord m) => new()
    {
        Member = CouncilNames.Member(m.MemberId),
        DisplayName = m.DisplayName,
        Role = m.Role,
        HealthcareRegionCode = m.HealthcareRegionCode,
    };

    private static AgendaItem ToProto(this AgendaItemRecord i, IReadOnlyDictionary<Guid, MemberRecord> members) => new()
    {
        Name = CouncilNames.AgendaItem(i.MeetingId, i.AgendaItemId),
        AgendaItemId = i.AgendaItemId.ToString(),
        Position = i.Position,
        CaseId = i.CaseId?.ToString() ?? string.Empty,
        Title = i.Title,
        Description = i.Description,
        Conflicts = { i.Conflicts.OrderBy(c => c.Id).Select(c => c.ToProto(members)) },
        Recommendation = i.RecommendationId is { } id ? CouncilNames.Recommendation(id, i.RecommendationVersion!.Value) : string.Empty,
    };
}
