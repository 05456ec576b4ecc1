using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>
/// The coordinator's worklist: one item per published recommendation, and the purchasing strategy decided on it; a revision
/// of the recommendation reopens a decided item (<see cref="Events.RecommendationRevisedHandler"/>).
/// </summary>
public sealed class Worklist(UpphandlingDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    public const string Collection = "coordinationItems";

    public async Task<(List<CoordinationItemRecord> Items, string NextPageToken)> ListAsync(int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var size = v.PageSize(pageSize, 20, 100);
        var after = v.PageToken(pageToken, 2);
        v.ThrowIfInvalid();

        var query = db.CoordinationItems.AsNoTracking();
        if (after is [var created, var item])
        {
            var createdAt = DateTime.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var itemId = Guid.Parse(item);
            query = query.Where(c => c.CreatedAt < createdAt || (c.CreatedAt == createdAt && c.ItemId.CompareTo(itemId) < 0));
        }

        var page = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.ItemId).Take(size + 1).ToListAsync(cancellationToken);
        var next = string.Empty;
        if (page.Count > size)
        {
            var last = page[size - 1];
            next = Paging.Encode(last.CreatedAt.ToString("O", CultureInfo.InvariantCulture), last.ItemId.ToString());
        }

        return ([.. page.Take(size)], next);
    }

    public async Task<CoordinationItemRecord> DecideAsync(DecidePurchasingStrategyRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(r.Name, Collection, "name");
        var revision = v.ParseEtag(r.Etag, "coordination item");
        v.Defined(r.Strategy, "strategy");
        v.Required(r.Grounds, "grounds", Fields.GroundsLength);
        var regions = v.RegionCodes(catalog, r.RegionCodes, "region_codes", atLeastOne: r.Strategy != PurchasingStrategy.NoAction);
        v.ThrowIfInvalid();

        var item = await db.CoordinationItems.SingleOrDefaultAsync(c => c.ItemId == id, cancellationToken) ?? throw new NotFoundException(r.Name);
        Etags.CheckEtag(r.Name, item.Revision, revision);
        // A reopened item (its recommendation revised after the decision) is decided again: the strategy confirmed or changed.
        if (item.State == CoordinationItemState.Decided)
        {
            throw new FailedPreconditionException("ALREADY_DECIDED", r.Name, $"The purchasing strategy for {item.RecommendationNumber} is already decided.");
        }

        var audit = caller.Audit(clock, r.Grounds.Trim());
        item.State = CoordinationItemState.Decided;
        item.Strategy = r.Strategy;
        item.Grounds = r.Grounds.Trim();
        item.RegionCodes = regions;
        item.DecidedAt = clock.GetUtcNow().UtcDateTime;
        item.DecidedBy = audit.Actor.Subject;
        item.DecidedByOrganisation = audit.Actor.Organisation;
        item.Revision++;
        var strategy = Mapping.Describe(r.Strategy);
        db.Audit(audit, r.Name, "coordination-item.strategy-decided", strategy);
        await db.PublishAsync(ProcurementChange.StrategyDecided, item.ItemId.ToString(), item.Title, [item.RecommendationId], regions,
            $"Strategy for {item.RecommendationNumber}: {strategy}", audit, null, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return item;
    }
}
