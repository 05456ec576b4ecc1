using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>
/// Call-offs within a category of a dynamic purchasing system: every admitted supplier of the category is invited, and
/// tenders are due at least 10 days after the invitation (8 kap. 11 § LOU).
/// </summary>
public sealed class CallOffs(UpphandlingDbContext db, PurchasingSystems systems, Qualification qualification, TimeProvider clock)
{
    public const string Collection = "callOffs";

    /// <summary>The minimum tender period in days from the invitation (8 kap. 11 § LOU).</summary>
    public const int MinimumTenderDays = 10;

    public async Task<CallOffRecord> CreateAsync(CreateCallOffRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var systemId = v.ResourceId(r.System, PurchasingSystems.Collection, "system");
        var categoryId = v.Uuid(r.CategoryId, "category_id");
        v.Required(r.Title, "title", 300);
        var invited = new List<string>();
        for (var i = 0; i < r.InvitedOrganisationNumbers.Count; i++)
        {
            var number = v.OrganisationNumber(r.InvitedOrganisationNumbers[i], $"invited_organisation_numbers[{i}]");
            if (number.Length > 0 && v.Check(!invited.Contains(number), $"invited_organisation_numbers[{i}]", $"{number} is invited twice"))
            {
                invited.Add(number);
            }
        }

        var today = clock.Today();
        var earliest = today.AddDays(MinimumTenderDays);
        if (v.Date(r.TenderDeadline, "tender_deadline", required: true) is { } deadline)
        {
            v.Check(deadline >= earliest, "tender_deadline",
                $"must be at least {MinimumTenderDays} days after the invitation (8 kap. 11 § LOU): {earliest.Iso()} or later");
        }

        v.ThrowIfInvalid();
        if (await LoadAsync(id, cancellationToken, tracking: false) is { } existing)
        {
            return existing;
        }

        var system = await systems.LoadAsync(systemId, cancellationToken) ?? throw new NotFoundException(r.System);
        var category = system.Categories.SingleOrDefault(c => c.CategoryId == categoryId);
        v.Check(category is not null, "category_id", "is not a category of the system");
        v.ThrowIfInvalid();
        PurchasingSystems.EnsurePublished(system, r.System);
        var admitted = await db.Applications.AsNoTracking()
            .Where(a => a.SystemId == systemId && a.CategoryId == categoryId && a.Decision == QualificationDecision.Admitted)
            .Select(a => a.OrganisationNumber).ToListAsync(cancellationToken);
        if (admitted.Count == 0)
        {
            throw new FailedPreconditionException("NO_ADMITTED_SUPPLIERS", r.System, $"No supplier is admitted to {category!.Title} yet.");
        }

        for (var i = 0; i < r.InvitedOrganisationNumbers.Count; i++)
        {
            var number = Domain.OrganisationNumber.Normalise(r.InvitedOrganisationNumbers[i]);
            v.Check(number is null || admitted.Contains(number), $"invited_organisation_numbers[{i}]", $"{number} is not admitted to {category!.Title}");
        }

        var missing = admitted.Except(invited).Order(StringComparer.Ordinal).ToList();
        v.Check(missing.Count == 0, "invited_organisation_numbers",
            $"must invite every supplier admitted to {category!.Title}; left out: {string.Join(", ", missing)}");
        v.ThrowIfInvalid();
        var audit = caller.Audit(clock, r.Title.Trim());
        if (!await db.CallOffs.AnyAsync(c => c.SystemId == systemId, cancellationToken))
        {
            await qualification.EndSetUpPhaseAsync(system, r.System, audit, cancellationToken);
        }

        var callOff = new CallOffRecord
        {
            CallOffId = id,
            SystemId = systemId,
            CategoryId = categoryId,
            Title = r.Title.Trim(),
            InvitedOrganisationNumbers = invited,
            InvitedAt = clock.GetUtcNow().UtcDateTime,
            TenderDeadline = new DateOnly(r.TenderDeadline.Year, r.TenderDeadline.Month, r.TenderDeadline.Day),
            State = CallOffState.Invited,
        };
        db.CallOffs.Add(callOff);
        system.AdmissionsVersion++;
        db.Audit(audit, $"{Collection}/{id}", "call-off.invited",
            $"{invited.Count} suppliers invited to {category.Title}; tenders by {callOff.TenderDeadline.Iso()}");
        await db.SaveAsync(r.System, system.Revision, cancellationToken);
        return callOff;
    }

    public async Task<CallOffRecord> RecordTenderAsync(RecordTenderRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(r.Name, Collection, "name");
        var number = v.OrganisationNumber(r.OrganisationNumber, "organisation_number");
        var price = v.Sek(r.Price, "price");
        v.ThrowIfInvalid();
        var callOff = await TargetAsync(id, r.Name, cancellationToken);
        v.Check(callOff.InvitedOrganisationNumbers.Contains(number), "organisation_number", $"{number} was not invited to this call-off");
        v.ThrowIfInvalid();
        if (clock.Today() > callOff.TenderDeadline)
        {
            throw new FailedPreconditionException("TENDER_DEADLINE_PASSED", r.Name, $"Tenders were due by {callOff.TenderDeadline.Iso()}.");
        }

        if (callOff.Tenders.Any(t => t.OrganisationNumber == number))
        {
            throw new FailedPreconditionException("ALREADY_TENDERED", r.Name, $"{number} has already tendered.");
        }

        callOff.Tenders.Add(new TenderRecord { CallOffId = id, OrganisationNumber = number, ReceivedAt = clock.GetUtcNow().UtcDateTime, PriceSek = price });
        db.Audit(caller.Audit(clock, $"Tender from {number}"), r.Name, "call-off.tender-received", $"{price} SEK");
        await db.SaveChangesAsync(cancellationToken);
        return callOff;
    }

    public async Task<CallOffRecord> AwardAsync(AwardCallOffRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(r.Name, Collection, "name");
        var number = v.OrganisationNumber(r.OrganisationNumber, "organisation_number");
        v.Required(r.Grounds, "grounds", Fields.GroundsLength);
        v.ThrowIfInvalid();
        var callOff = await TargetAsync(id, r.Name, cancellationToken);
        v.Check(callOff.Tenders.Any(t => t.OrganisationNumber == number), "organisation_number", $"{number} did not tender in this call-off");
        v.ThrowIfInvalid();
        if (clock.Today() <= callOff.TenderDeadline)
        {
            throw new FailedPreconditionException("TENDER_PERIOD_RUNNING", r.Name, $"Tenders may arrive until {callOff.TenderDeadline.Iso()}; award after that.");
        }

        var system = await systems.LoadAsync(callOff.SystemId, cancellationToken) ?? throw new NotFoundException(r.Name);
        var audit = caller.Audit(clock, r.Grounds.Trim());
        callOff.State = CallOffState.Awarded;
        callOff.AwardedOrganisationNumber = number;
        callOff.AwardGrounds = r.Grounds.Trim();
        db.Audit(audit, r.Name, "call-off.awarded", number);
        await db.PublishAsync(ProcurementChange.CallOffAwarded, system.SystemId.ToString(), system.Title, system.RecommendationIds, system.RegionCodes,
            $"Call-off {callOff.Title} awarded to {number}", audit, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return callOff;
    }

    private async Task<CallOffRecord> TargetAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        var callOff = await LoadAsync(id, cancellationToken) ?? throw new NotFoundException(name);
        if (callOff.State != CallOffState.Invited)
        {
            throw new FailedPreconditionException("ALREADY_AWARDED", name, $"{callOff.Title} is already awarded.");
        }

        return callOff;
    }

    private Task<CallOffRecord?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var query = db.CallOffs.Include(c => c.Tenders).AsQueryable();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(c => c.CallOffId == id, cancellationToken);
    }
}
