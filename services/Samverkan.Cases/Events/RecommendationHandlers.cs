using Samverkan.Eventing;
using Samverkan.Events.V1;

namespace Samverkan.Cases.Events;

/// <summary>A published recommendation: the case follows it and reaches RECOMMENDED.</summary>
public sealed class RecommendationPublishedHandler(IGrainFactory grains) : IEventHandler<RecommendationPublished>
{
    public Task HandleAsync(IncomingEvent<RecommendationPublished> incoming, CancellationToken cancellationToken)
    {
        var r = incoming.Data.Recommendation;
        return r is null || !Reports.IsCaseId(r.CaseId) || !Reports.IsCaseId(r.RecommendationId)
            ? Task.CompletedTask
            : grains.Product(r.CaseId).RecommendationReportedAsync(Reports.Recommendation(incoming, r, incoming.Data.Audit, string.Empty));
    }
}

/// <summary>A revised recommendation: the case follows the new version.</summary>
public sealed class RecommendationRevisedHandler(IGrainFactory grains) : IEventHandler<RecommendationRevised>
{
    public Task HandleAsync(IncomingEvent<RecommendationRevised> incoming, CancellationToken cancellationToken)
    {
        var r = incoming.Data.Recommendation;
        return r is null || !Reports.IsCaseId(r.CaseId) || !Reports.IsCaseId(r.RecommendationId)
            ? Task.CompletedTask
            : grains.Product(r.CaseId).RecommendationReportedAsync(Reports.Recommendation(incoming, r, incoming.Data.Audit, incoming.Data.ChangeSummary));
    }
}

/// <summary>A recommendation reached its review date: the case goes UNDER_REVIEW.</summary>
public sealed class RecommendationReviewDueHandler(IGrainFactory grains) : IEventHandler<RecommendationReviewDue>
{
    public Task HandleAsync(IncomingEvent<RecommendationReviewDue> incoming, CancellationToken cancellationToken)
    {
        var r = incoming.Data.Recommendation;
        return r is null || !Reports.IsCaseId(r.CaseId) || !Reports.IsCaseId(r.RecommendationId)
            ? Task.CompletedTask
            : grains.Product(r.CaseId).ReviewDueReportedAsync(new Grains.ReviewDueReported
            {
                EventId = incoming.Id,
                Actor = new Domain.AuditActor { Subject = "samverkan-council", Organisation = "MTP-rådet" },
                At = incoming.Time,
                RecommendationId = Guid.Parse(r.RecommendationId),
                Version = r.Version,
            });
    }
}
