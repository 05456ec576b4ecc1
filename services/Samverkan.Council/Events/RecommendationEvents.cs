using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using CommonDate = Samverkan.Common.V1.Date;

namespace Samverkan.Council.Events;

/// <summary>What the council tells the other services about a recommendation version.</summary>
public static class RecommendationEvents
{
    public const string Source = "samverkan-council";

    public static OutboxMessage Outbox(IMessage payload, DateTimeOffset at) => OutboxMessage.Create(payload, Source, at);

    public static RecommendationSnapshot Snapshot(RecommendationRecord r) => new()
    {
        RecommendationId = r.RecommendationId.ToString(),
        Number = r.Number ?? string.Empty,
        Version = r.Version,
        CaseId = r.CaseId.ToString(),
        ProductDisplayName = r.ProductDisplayName,
        ProgrammeAreaCodes = { Stored.Codes(r.ProgrammeAreas) },
        Outcome = r.Outcome,
        Level = r.Level,
        HealthcareRegionCodes = { Stored.Codes(r.HealthcareRegions) },
        Conditions = { Stored.Texts(r.Conditions) },
        Summary = r.Summary,
        FollowUpDeadline = ToDate(r.FollowUpDeadline),
        ReviewDate = ToDate(r.ReviewDate),
        PublishTime = r.PublishedAt is { } published ? Timestamp.FromDateTime(DateTime.SpecifyKind(published, DateTimeKind.Utc)) : null,
        Name = $"recommendations/{r.RecommendationId}/versions/{r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };

    public static CommonDate ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
