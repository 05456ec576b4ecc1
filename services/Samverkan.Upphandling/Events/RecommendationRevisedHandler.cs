using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Procurement;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Events;

/// <summary>
/// A revised recommendation moves its worklist item to the new version with what changed; a strategy already decided is
/// reopened for the coordinator to confirm or change, since the revision may change what procurement it needs. A
/// revision of a recommendation the worklist has not seen opens its item, as the publication would have. Redelivery, and
/// a revision no newer than the version the item shows, change nothing.
/// </summary>
public sealed class RecommendationRevisedHandler(UpphandlingDbContext db, TimeProvider clock) : IEventHandler<RecommendationRevised>
{
    public async Task HandleAsync(IncomingEvent<RecommendationRevised> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        var r = e.Recommendation;
        if (r is null || !Guid.TryParse(r.RecommendationId, out var recommendationId) || !Guid.TryParse(r.CaseId, out var caseId))
        {
            return;
        }

        if (!await db.IsFirstDeliveryAsync(incoming.Id, nameof(RecommendationRevisedHandler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var replaces = $"Version {r.Version} replaces version {e.PreviousVersion}";
        var summary = string.IsNullOrWhiteSpace(e.ChangeSummary) ? replaces : $"{replaces}: {e.ChangeSummary.Trim()}";
        var item = await db.CoordinationItems.SingleOrDefaultAsync(c => c.RecommendationId == recommendationId, cancellationToken);
        if (item is null)
        {
            item = new CoordinationItemRecord
            {
                ItemId = Guid.CreateVersion7(),
                RecommendationId = recommendationId,
                CaseId = caseId,
                Title = $"Decide the purchasing strategy for {r.Number}",
                State = CoordinationItemState.Open,
                CreatedAt = now,
            };
            db.CoordinationItems.Add(item);
        }
        else if (r.Version <= item.RecommendationVersion)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // A new revision: an etag read before it is stale, so a decision taken without seeing the revision is refused.
        item.Revision++;
        var reopened = item.State == CoordinationItemState.Decided;
        item.RecommendationNumber = r.Number;
        item.RecommendationVersion = r.Version;
        item.ProductDisplayName = r.ProductDisplayName;
        item.ProgrammeAreaCodes = [.. r.ProgrammeAreaCodes];
        item.RevisionSummary = summary.Length > 4000 ? summary[..4000] : summary;
        item.RevisedAt = now;
        if (reopened)
        {
            item.State = CoordinationItemState.Reopened;
        }

        var audit = e.Audit?.Clone() ?? new AuditInfo { Actor = new Actor { Subject = incoming.Source } };
        audit.Time ??= Timestamp.FromDateTime(now);
        db.Audit(audit, $"{Worklist.Collection}/{item.ItemId}", reopened ? "coordination-item.reopened" : "coordination-item.revised", item.RevisionSummary);
        if (reopened)
        {
            // Cases and subscribers saw "strategy decided"; they learn that it stands open again.
            await db.PublishAsync(ProcurementChange.StrategyReopened, item.ItemId.ToString(), item.Title, [item.RecommendationId], item.RegionCodes,
                $"Strategy for {item.RecommendationNumber} reopened: {item.RevisionSummary}", audit, null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
