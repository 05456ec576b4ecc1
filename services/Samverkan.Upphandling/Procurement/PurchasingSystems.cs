using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>Dynamic purchasing systems (8 kap. LOU): set-up, publication, closing at the end of validity.</summary>
public sealed partial class PurchasingSystems(UpphandlingDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    public const string Collection = "dynamicPurchasingSystems";

    /// <summary>Adda's practice: the set-up phase's first application window lasts 30 days from publication.</summary>
    public const int DefaultSetUpWindowDays = 30;

    /// <summary>The longest first application window the service accepts.</summary>
    public const int MaxSetUpWindowDays = 180;

    public async Task<PurchasingSystemRecord> CreateAsync(CreateDynamicPurchasingSystemRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var s = r.System;
        if (s is null)
        {
            v.Add("system", "is required");
            v.ThrowIfInvalid();
        }

        v.Required(s!.Title, "system.title", 300);
        v.Check(s.CpvCodes.Count > 0, "system.cpv_codes", "must name at least one CPV code");
        for (var i = 0; i < s.CpvCodes.Count; i++)
        {
            v.Check(CpvCode().IsMatch(s.CpvCodes[i]), $"system.cpv_codes[{i}]", "must be a CPV code NNNNNNNN-N, e.g. 33140000-3");
        }

        v.Check(s.Categories.Count > 0, "system.categories", "must have at least one category");
        for (var i = 0; i < s.Categories.Count; i++)
        {
            var category = s.Categories[i];
            if (v.Required(category.Title, $"system.categories[{i}].title", 200))
            {
                v.Check(!s.Categories.Take(i).Any(c => string.Equals(c.Title.Trim(), category.Title.Trim(), StringComparison.OrdinalIgnoreCase)),
                    $"system.categories[{i}].title", "is the title of another category");
            }

            v.Required(category.QualificationRequirements, $"system.categories[{i}].qualification_requirements", Fields.GroundsLength);
        }

        var start = v.Date(s.ValidityStartDate, "system.validity_start_date", required: true);
        var end = v.Date(s.ValidityEndDate, "system.validity_end_date", required: true);
        if (start is { } first && end is { } last)
        {
            v.Check(last > first, "system.validity_end_date", "must be after validity_start_date");
        }

        var window = s.HasSetUpWindowDays ? s.SetUpWindowDays : DefaultSetUpWindowDays;
        v.Check(window is >= 0 and <= MaxSetUpWindowDays, "system.set_up_window_days",
            $"must be between 0 (no first application window) and {MaxSetUpWindowDays} days; unset for {DefaultSetUpWindowDays}");
        v.Check(catalog.ProcurementRegions.Any(p => p.Code == s.ProcurementRegionCode), "system.procurement_region_code", "must be a procurement region code A–H");
        var regions = v.RegionCodes(catalog, s.RegionCodes, "system.region_codes", atLeastOne: true);
        var recommendations = await Recommendations.CheckAsync(db, v, s.RecommendationIds, "system.recommendation_ids", cancellationToken);
        v.ThrowIfInvalid();

        if (await LoadAsync(id, cancellationToken, tracking: false) is { } existing)
        {
            return existing;
        }

        var system = new PurchasingSystemRecord
        {
            SystemId = id,
            Title = s.Title.Trim(),
            CpvCodes = [.. s.CpvCodes],
            Categories = [.. s.Categories.Select(c => new CategoryRecord
            {
                CategoryId = Guid.CreateVersion7(), SystemId = id, Title = c.Title.Trim(), QualificationRequirements = c.QualificationRequirements.Trim(),
            })],
            ValidityStart = start!.Value,
            ValidityEnd = end!.Value,
            ProcurementRegionCode = s.ProcurementRegionCode,
            RegionCodes = regions,
            RecommendationIds = [.. recommendations.Select(i => i.RecommendationId)],
            CaseIds = [.. recommendations.Select(i => i.CaseId).Distinct()],
            State = DynamicPurchasingSystemState.Draft,
            SetUpWindowDays = window,
            Revision = 1,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PurchasingSystems.Add(system);
        db.Audit(caller.Audit(clock, "dynamic purchasing system created"), $"{Collection}/{id}", "dynamic-purchasing-system.created", system.Title);
        await db.SaveChangesAsync(cancellationToken);
        return system;
    }

    public async Task<PurchasingSystemRecord> GetAsync(string name, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(name, Collection, "name");
        v.ThrowIfInvalid();
        return await LoadAsync(id, cancellationToken, tracking: false) ?? throw new NotFoundException(name);
    }

    /// <summary>The systems created last, newest first, for the coordinator's overview.</summary>
    public Task<List<PurchasingSystemRecord>> RecentAsync(int count, CancellationToken cancellationToken) =>
        db.PurchasingSystems.AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(count).ToListAsync(cancellationToken);

    public async Task<PurchasingSystemRecord> PublishAsync(PublishDynamicPurchasingSystemRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (system, revision) = await TargetAsync(r.Name, r.Reason, r.Etag, cancellationToken);
        if (system.State != DynamicPurchasingSystemState.Draft)
        {
            throw new FailedPreconditionException("NOT_A_DRAFT", r.Name, $"{system.Title} is {Mapping.Describe(system.State)}; only a draft is published.");
        }

        if (clock.Today() > system.ValidityEnd)
        {
            throw new FailedPreconditionException("VALIDITY_ENDED", r.Name, $"{system.Title}'s validity ended on {system.ValidityEnd.Iso()}.");
        }

        var audit = caller.Audit(clock, r.Reason.Trim());
        system.State = DynamicPurchasingSystemState.Published;
        system.PublishedAt = clock.GetUtcNow().UtcDateTime;
        system.Revision++;
        db.Audit(audit, r.Name, "dynamic-purchasing-system.published");
        await db.PublishAsync(ProcurementChange.DpsPublished, system.SystemId.ToString(), system.Title, system.RecommendationIds, system.RegionCodes,
            $"{system.Title} is open to suppliers until {system.ValidityEnd.Iso()}", audit, null, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return system;
    }

    public async Task<PurchasingSystemRecord> CloseAsync(CloseDynamicPurchasingSystemRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (system, revision) = await TargetAsync(r.Name, r.Reason, r.Etag, cancellationToken);
        EnsurePublished(system, r.Name);
        // A dynamic purchasing system is open to new suppliers for its whole validity (8 kap. LOU).
        if (clock.Today() <= system.ValidityEnd)
        {
            throw new FailedPreconditionException("VALIDITY_RUNNING", r.Name, $"{system.Title} stays open to suppliers until {system.ValidityEnd.Iso()}.");
        }

        var audit = caller.Audit(clock, r.Reason.Trim());
        system.State = DynamicPurchasingSystemState.Closed;
        system.ClosedAt = clock.GetUtcNow().UtcDateTime;
        system.Revision++;
        db.Audit(audit, r.Name, "dynamic-purchasing-system.closed");
        await db.PublishAsync(ProcurementChange.DpsClosed, system.SystemId.ToString(), system.Title, system.RecommendationIds, system.RegionCodes,
            $"{system.Title} closed at the end of its validity", audit, null, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return system;
    }

    /// <summary>The last day of the set-up phase's first application window: the day of publication plus its days; null in draft.</summary>
    public static DateOnly? SetUpWindowEnd(PurchasingSystemRecord system) =>
        system.PublishedAt is { } published ? Fields.SwedishDate(published).AddDays(system.SetUpWindowDays) : null;

    internal static void EnsurePublished(PurchasingSystemRecord system, string subject)
    {
        if (system.State != DynamicPurchasingSystemState.Published)
        {
            throw new FailedPreconditionException(system.State == DynamicPurchasingSystemState.Closed ? "SYSTEM_CLOSED" : "SYSTEM_NOT_PUBLISHED", subject,
                $"{system.Title} is {Mapping.Describe(system.State)}; this needs a published system.");
        }
    }

    internal Task<PurchasingSystemRecord?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var query = db.PurchasingSystems.Include(s => s.Categories).AsQueryable();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(s => s.SystemId == id, cancellationToken);
    }

    private async Task<(PurchasingSystemRecord System, int Revision)> TargetAsync(string name, string reason, string etag, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(name, Collection, "name");
        v.Required(reason, "reason", Fields.GroundsLength);
        var revision = v.ParseEtag(etag, "dynamic purchasing system");
        v.ThrowIfInvalid();
        var system = await LoadAsync(id, cancellationToken) ?? throw new NotFoundException(name);
        Etags.CheckEtag(name, system.Revision, revision);
        return (system, revision);
    }

    [GeneratedRegex(@"^\d{8}-\d$")]
    private static partial Regex CpvCode();
}

/// <summary>Recommendations a procurement links to: those the worklist knows, i.e. published.</summary>
internal static class Recommendations
{
    public static async Task<List<CoordinationItemRecord>> CheckAsync(UpphandlingDbContext db, Validation v, IReadOnlyList<string> ids, string field, CancellationToken cancellationToken)
    {
        var parsed = v.Uuids(ids, field);
        var known = await db.CoordinationItems.AsNoTracking().Where(c => parsed.Contains(c.RecommendationId)).ToListAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            if (Guid.TryParse(ids[i], out var id) && id != Guid.Empty && known.All(k => k.RecommendationId != id))
            {
                v.Add($"{field}[{i}]", "is not a published recommendation");
            }
        }

        return known;
    }
}
