using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Events;

/// <summary>Every published recommendation opens one worklist item "decide the purchasing strategy"; redelivery opens none.</summary>
public sealed class RecommendationPublishedHandler(UpphandlingDbContext db, TimeProvider clock) : IEventHandler<RecommendationPublished>
{
    public async Task HandleAsync(IncomingEvent<RecommendationPublished> incoming, CancellationToken cancellationToken)
    {
        var r = incoming.Data.Recommendation;
        if (r is null || !Guid.TryParse(r.RecommendationId, out var recommendationId) || !Guid.TryParse(r.CaseId, out var caseId))
        {
            return;
        }

        if (!await db.IsFirstDeliveryAsync(incoming.Id, nameof(RecommendationPublishedHandler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        // A second publication of the same recommendation (another event id) still has its one item.
        if (!await db.CoordinationItems.AnyAsync(c => c.RecommendationId == recommendationId, cancellationToken))
        {
            db.CoordinationItems.Add(new CoordinationItemRecord
            {
                ItemId = Guid.CreateVersion7(),
                RecommendationId = recommendationId,
                RecommendationNumber = r.Number,
                RecommendationVersion = r.Version,
                Revision = 1,
                CaseId = caseId,
                Title = $"Decide the purchasing strategy for {r.Number}",
                State = CoordinationItemState.Open,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                ProductDisplayName = r.ProductDisplayName,
                ProgrammeAreaCodes = [.. r.ProgrammeAreaCodes],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
