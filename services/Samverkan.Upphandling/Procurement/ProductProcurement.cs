using Microsoft.EntityFrameworkCore;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.Upphandling.Data;

namespace Samverkan.Upphandling.Procurement;

/// <summary>Everything procurement holds about one product: relational, since each activity may touch several products.</summary>
public sealed class ProductProcurementQuery(UpphandlingDbContext db, TimeProvider clock)
{
    public async Task<V1.ProductProcurement> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(caseId, "case_id");
        v.ThrowIfInvalid();
        var today = clock.Today();
        var items = await db.CoordinationItems.AsNoTracking().Where(c => c.CaseId == id).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        var systems = await db.PurchasingSystems.AsNoTracking().Include(s => s.Categories).Where(s => s.CaseIds.Contains(id))
            .OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var innovations = await db.InnovationProcurements.AsNoTracking().Include(x => x.Partners).Include(x => x.Milestones).AsSplitQuery()
            .Where(x => x.CaseIds.Contains(id)).OrderBy(x => x.CreatedAt).ToListAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.CaseIds.Contains(id)).OrderBy(c => c.RegionCode).ThenBy(c => c.StartDate)
            .ToListAsync(cancellationToken);
        return new V1.ProductProcurement
        {
            CaseId = id.ToString(),
            CoordinationItems = { items.Select(Mapping.ToProto) },
            DynamicPurchasingSystems = { systems.Select(Mapping.ToProto) },
            InnovationProcurements = { innovations.Select(x => x.ToProto(today)) },
            Contracts = { contracts.Select(Mapping.ToProto) },
        };
    }
}
