using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>The regions' existing contracts, and for a recommendation which regions a running contract already covers.</summary>
public sealed class ContractRegister(UpphandlingDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    public async Task<ContractRecord> RegisterAsync(RegisterContractRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var c = r.Contract;
        if (c is null)
        {
            v.Add("contract", "is required");
            v.ThrowIfInvalid();
        }

        v.Check(catalog.FindRegion(c!.RegionCode) is not null, "contract.region_code", "must be a region code");
        v.Required(c.SupplierName, "contract.supplier_name", 300);
        var orgNumber = v.OrganisationNumber(c.SupplierOrganisationNumber, "contract.supplier_organisation_number");
        v.Required(c.ProductArea, "contract.product_area", 300);
        v.Check(c.ProgrammeAreaCode.Length == 0 || catalog.FindProgrammeArea(c.ProgrammeAreaCode) is not null, "contract.programme_area_code", "must be a programme area code");
        var caseIds = v.Uuids(c.CaseIds, "contract.case_ids");
        v.Check(caseIds.Count > 0 || c.ProgrammeAreaCode.Length > 0, "contract.case_ids", "must name a product, or programme_area_code the area, the contract covers");
        var start = v.Date(c.StartDate, "contract.start_date", required: true);
        var end = v.Date(c.EndDate, "contract.end_date", required: true);
        if (start is { } s && end is { } e)
        {
            v.Check(e >= s, "contract.end_date", "must not be before start_date");
        }

        var extensions = new List<DateOnly>();
        for (var i = 0; i < c.ExtensionEndDates.Count; i++)
        {
            if (v.Date(c.ExtensionEndDates[i], $"contract.extension_end_dates[{i}]", required: true) is { } extension)
            {
                var previous = extensions.Count > 0 ? extensions[^1] : end;
                v.Check(previous is null || extension > previous, $"contract.extension_end_dates[{i}]", "must be later than the end date and the option before it");
                extensions.Add(extension);
            }
        }

        v.ThrowIfInvalid();
        if (await db.Contracts.AsNoTracking().SingleOrDefaultAsync(x => x.ContractId == id, cancellationToken) is { } existing)
        {
            return existing;
        }

        var contract = new ContractRecord
        {
            ContractId = id,
            RegionCode = c.RegionCode,
            SupplierName = c.SupplierName.Trim(),
            SupplierOrganisationNumber = orgNumber,
            ProductArea = c.ProductArea.Trim(),
            ProgrammeAreaCode = c.ProgrammeAreaCode,
            CaseIds = caseIds,
            StartDate = start!.Value,
            EndDate = end!.Value,
            ExtensionEndDates = extensions,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Contracts.Add(contract);
        db.Audit(caller.Audit(clock, "contract registered"), $"contracts/{id}", "contract.registered",
            $"Region {contract.RegionCode}: {contract.SupplierName}, {contract.ProductArea}, {contract.StartDate.Iso()} to {contract.EndDate.Iso()}");
        await db.SaveChangesAsync(cancellationToken);
        return contract;
    }

    /// <summary>Per region in code order: the contracts naming the product or covering its programme areas.</summary>
    public async Task<(CoordinationItemRecord Item, List<RegionCoverage> Regions)> CoverageAsync(string recommendationId, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(recommendationId, "recommendation_id");
        v.ThrowIfInvalid();
        var item = await db.CoordinationItems.AsNoTracking().SingleOrDefaultAsync(c => c.RecommendationId == id, cancellationToken)
            ?? throw new NotFoundException($"recommendations/{id}");
        var caseId = item.CaseId;
        var areas = item.ProgrammeAreaCodes;
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.CaseIds.Contains(caseId) || (c.ProgrammeAreaCode != string.Empty && areas.Contains(c.ProgrammeAreaCode)))
            .ToListAsync(cancellationToken);
        var today = clock.Today();
        var regions = catalog.Regions.OrderBy(r => r.Code, StringComparer.Ordinal).Select(region =>
        {
            var own = contracts.Where(c => c.RegionCode == region.Code).OrderBy(c => c.StartDate).ToList();
            var running = own.Where(c => c.StartDate <= today && c.LatestEndDate >= today).ToList();
            return new RegionCoverage(region.Code, region.Name, own, running.Count > 0 ? running.Max(c => c.LatestEndDate) : null);
        }).ToList();
        return (item, regions);
    }
}

/// <summary>One region's contracts for a product; <see cref="Expiry"/> is set while one runs.</summary>
public sealed record RegionCoverage(string RegionCode, string RegionName, IReadOnlyList<ContractRecord> Contracts, DateOnly? Expiry)
{
    public bool Covered => Expiry is not null;
}
