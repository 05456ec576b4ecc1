using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using RecommendationSummary = Samverkan.Cases.Domain.RecommendationSummary;

namespace Samverkan.Cases.Events;

/// <summary>Turns the other services' events into the reports a product's grain records.</summary>
internal static class Reports
{
    public static IProductGrain Product(this IGrainFactory grains, string caseId) =>
        grains.GetGrain<IProductGrain>(Guid.Parse(caseId));

    public static bool IsCaseId(string caseId) => Guid.TryParse(caseId, out var id) && id != Guid.Empty;

    public static RecommendationReported Recommendation<T>(IncomingEvent<T> incoming, RecommendationSnapshot r, AuditInfo? audit, string changeSummary)
        where T : Google.Protobuf.IMessage<T> => new()
        {
            EventId = incoming.Id,
            Actor = Actor(audit),
            At = At(incoming, audit),
            ChangeSummary = changeSummary,
            Recommendation = new RecommendationSummary
            {
                RecommendationId = Guid.Parse(r.RecommendationId),
                Number = r.Number,
                Version = r.Version,
                Outcome = (Outcome)r.Outcome,
                Level = (int)r.Level,
                HealthcareRegionCodes = [.. r.HealthcareRegionCodes],
                Summary = r.Summary,
                FollowUpDeadline = ToDate(r.FollowUpDeadline),
                ReviewDate = ToDate(r.ReviewDate),
                PublishedAt = r.PublishTime?.ToDateTimeOffset() ?? incoming.Time,
            },
        };

    public static Grains.FollowUpReported FollowUp<T>(IncomingEvent<T> incoming, string regionCode, int stage, int decision, bool overdue, AuditInfo? audit)
        where T : Google.Protobuf.IMessage<T> => new()
        {
            EventId = incoming.Id,
            Actor = Actor(audit),
            At = At(incoming, audit),
            RegionCode = regionCode,
            Stage = stage,
            Decision = decision,
            Overdue = overdue,
        };

    public static AuditActor Actor(AuditInfo? audit) => audit?.Actor is { } actor ? actor.ToAuditActor() : new AuditActor { Subject = "unknown" };

    public static DateTimeOffset At<T>(IncomingEvent<T> incoming, AuditInfo? audit) where T : Google.Protobuf.IMessage<T> =>
        audit?.Time?.ToDateTimeOffset() ?? incoming.Time;

    private static DateOnly ToDate(Date? date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 } ? new DateOnly(date.Year, date.Month, date.Day) : DateOnly.MinValue;
}
