using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.FollowUp.Grains;

namespace Samverkan.FollowUp.Events;

/// <summary>A published recommendation opens a follow-up for each region; the grain ignores a redelivery.</summary>
public sealed class RecommendationPublishedHandler(IGrainFactory grains) : IEventHandler<RecommendationPublished>
{
    public Task HandleAsync(IncomingEvent<RecommendationPublished> incoming, CancellationToken cancellationToken) =>
        Published.From(incoming, incoming.Data.Recommendation, incoming.Data.Audit, "The council published the recommendation.") is { } published
            ? grains.GetGrain<IRecommendationFollowUpGrain>(published.Id).OpenAsync(published.Version)
            : Task.CompletedTask;
}

/// <summary>A revised recommendation moves the follow-ups to the new version; decided regions are asked to confirm.</summary>
public sealed class RecommendationRevisedHandler(IGrainFactory grains) : IEventHandler<RecommendationRevised>
{
    public Task HandleAsync(IncomingEvent<RecommendationRevised> incoming, CancellationToken cancellationToken) =>
        Published.From(incoming, incoming.Data.Recommendation, incoming.Data.Audit, incoming.Data.ChangeSummary) is { } revised
            ? grains.GetGrain<IRecommendationFollowUpGrain>(revised.Id).ReviseAsync(revised.Version)
            : Task.CompletedTask;
}

/// <summary>Reads a recommendation snapshot; an event without a usable id or deadline is dropped, it can never open anything.</summary>
internal static class Published
{
    public static (Guid Id, PublishedVersion Version)? From<T>(IncomingEvent<T> incoming, RecommendationSnapshot? r, Samverkan.Common.V1.AuditInfo? audit, string reason)
        where T : Google.Protobuf.IMessage<T>
    {
        if (r is null || !Guid.TryParse(r.RecommendationId, out var id) || id == Guid.Empty
            || r.FollowUpDeadline is not { Year: > 0, Month: >= 1 and <= 12, Day: >= 1 } d || d.Day > DateTime.DaysInMonth(d.Year, d.Month))
        {
            return null;
        }

        return (id, new PublishedVersion
        {
            Number = r.Number,
            Version = Math.Max(r.Version, 1),
            CaseId = Guid.TryParse(r.CaseId, out var caseId) ? caseId : Guid.Empty,
            ProductDisplayName = r.ProductDisplayName,
            Deadline = new DateOnly(d.Year, d.Month, d.Day),
            PublishedAt = r.PublishTime?.ToDateTimeOffset() ?? incoming.Time,
            Actor = new Reporter
            {
                Subject = audit?.Actor?.Subject ?? incoming.Source,
                Organisation = audit?.Actor?.Organisation ?? string.Empty,
                RegionCode = audit?.Actor?.RegionCode ?? string.Empty,
            },
            Reason = reason,
        });
    }
}
