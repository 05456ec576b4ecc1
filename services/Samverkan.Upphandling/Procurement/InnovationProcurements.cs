using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Domain;
using Samverkan.Upphandling.Events;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>Innovation partnerships and pre-commercial procurements: their phases in order, milestones and partners.</summary>
public sealed class InnovationProcurements(UpphandlingDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    public const string Collection = "innovationProcurements";

    public async Task<InnovationRecord> CreateAsync(CreateInnovationProcurementRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var p = r.Procurement;
        if (p is null)
        {
            v.Add("procurement", "is required");
            v.ThrowIfInvalid();
        }

        var kindKnown = v.Defined(p!.Kind, "procurement.kind");
        v.Required(p.Title, "procurement.title", 300);
        if (p.Kind == InnovationProcurementKind.Partnership)
        {
            // An innovation partnership is allowed only where the market has no solution (LOU).
            v.Required(p.NeedStatement, "procurement.need_statement", Fields.GroundsLength);
        }
        else
        {
            v.MaxLength(p.NeedStatement, "procurement.need_statement", Fields.GroundsLength);
        }

        v.Check(p.Partners.Count > 0, "procurement.partners", "must name at least one partner");
        var partners = new List<PartnerRecord>();
        for (var i = 0; i < p.Partners.Count; i++)
        {
            var number = v.OrganisationNumber(p.Partners[i].OrganisationNumber, $"procurement.partners[{i}].organisation_number");
            v.Required(p.Partners[i].Name, $"procurement.partners[{i}].name", 300);
            if (number.Length > 0 && v.Check(partners.All(x => x.OrganisationNumber != number), $"procurement.partners[{i}].organisation_number", $"{number} is a partner twice"))
            {
                partners.Add(new PartnerRecord { ProcurementId = id, OrganisationNumber = number, Name = p.Partners[i].Name.Trim() });
            }
        }

        var milestones = kindKnown ? Milestones(v, p, id) : [];
        var regions = v.RegionCodes(catalog, p.RegionCodes, "procurement.region_codes", atLeastOne: true);
        var recommendations = await Recommendations.CheckAsync(db, v, p.RecommendationIds, "procurement.recommendation_ids", cancellationToken);
        v.ThrowIfInvalid();
        if (await LoadAsync(id, cancellationToken, tracking: false) is { } existing)
        {
            return existing;
        }

        var procurement = new InnovationRecord
        {
            ProcurementId = id,
            Kind = p.Kind,
            Title = p.Title.Trim(),
            NeedStatement = p.NeedStatement.Trim(),
            Partners = partners,
            Milestones = milestones,
            RecommendationIds = [.. recommendations.Select(x => x.RecommendationId)],
            CaseIds = [.. recommendations.Select(x => x.CaseId).Distinct()],
            RegionCodes = regions,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Revision = 1,
        };
        db.InnovationProcurements.Add(procurement);
        db.Audit(caller.Audit(clock, "innovation procurement created"), $"{Collection}/{id}", "innovation-procurement.created", procurement.Title);
        foreach (var milestone in milestones)
        {
            await db.ScheduleTimerAsync(MilestoneDueTimer.Kind, MilestoneDueTimer.Key(id, milestone.Phase), SwedishTime.EndOf(milestone.TargetDate), null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return procurement;
    }

    public async Task<InnovationRecord> GetAsync(string name, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(name, Collection, "name");
        v.ThrowIfInvalid();
        return await LoadAsync(id, cancellationToken, tracking: false) ?? throw new NotFoundException(name);
    }

    public async Task<InnovationRecord> AdvanceAsync(AdvanceInnovationPhaseRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(r.Name, Collection, "name");
        v.Defined(r.Phase, "phase");
        v.Required(r.Reason, "reason", Fields.GroundsLength);
        var revision = v.ParseEtag(r.Etag, "innovation procurement");
        v.ThrowIfInvalid();
        var procurement = await LoadAsync(id, cancellationToken) ?? throw new NotFoundException(r.Name);
        Etags.CheckEtag(r.Name, procurement.Revision, revision);
        var next = InnovationPhases.Next(procurement.Kind, procurement.CurrentPhase);
        if (next is null)
        {
            throw new FailedPreconditionException("LAST_PHASE_REACHED", r.Name, $"{procurement.Title} has reached its last phase.");
        }

        v.Check(r.Phase == next, "phase", $"must be the next phase, {InnovationPhases.Describe(next.Value)}: phases run {InnovationPhases.Describe(procurement.Kind)}");
        var active = procurement.Partners.Where(x => x.DroppedAfter == InnovationPhase.Unspecified).ToList();
        var dropped = new List<PartnerRecord>();
        for (var i = 0; i < r.DroppedOrganisationNumbers.Count; i++)
        {
            var field = $"dropped_organisation_numbers[{i}]";
            var number = v.OrganisationNumber(r.DroppedOrganisationNumbers[i], field);
            if (number.Length == 0)
            {
                continue;
            }

            var partner = active.FirstOrDefault(x => x.OrganisationNumber == number);
            if (v.Check(partner is not null && !dropped.Contains(partner), field, $"{number} is not a remaining partner"))
            {
                dropped.Add(partner!);
            }
        }

        if (r.DroppedOrganisationNumbers.Count > 0)
        {
            v.Check(procurement.Kind == InnovationProcurementKind.Partnership, "dropped_organisation_numbers", "partners are dropped only in an innovation partnership");
            v.Check(procurement.CurrentPhase != InnovationPhase.Unspecified, "dropped_organisation_numbers", "partners are dropped after a phase, and none is reached yet");
            v.Check(dropped.Count < active.Count, "dropped_organisation_numbers", "must leave at least one partner");
        }

        v.ThrowIfInvalid();
        foreach (var partner in dropped)
        {
            partner.DroppedAfter = procurement.CurrentPhase;
        }

        procurement.Milestones.Single(m => m.Phase == r.Phase).ReachedAt = clock.GetUtcNow().UtcDateTime;
        await db.CancelTimerAsync(MilestoneDueTimer.Kind, MilestoneDueTimer.Key(procurement.ProcurementId, r.Phase), cancellationToken);
        procurement.CurrentPhase = r.Phase;
        procurement.Revision++;
        var audit = caller.Audit(clock, r.Reason.Trim());
        var droppedText = dropped.Count > 0 ? $"; dropped: {string.Join(", ", dropped.Select(x => x.OrganisationNumber))}" : string.Empty;
        db.Audit(audit, r.Name, "innovation-procurement.phase-reached", InnovationPhases.Describe(r.Phase) + droppedText);
        await db.PublishAsync(ProcurementChange.InnovationPhaseReached, procurement.ProcurementId.ToString(), procurement.Title, procurement.RecommendationIds,
            procurement.RegionCodes, $"{procurement.Title} reached the {InnovationPhases.Describe(r.Phase)} phase{droppedText}", audit, null, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return procurement;
    }

    /// <summary>A milestone is overdue when its target date has passed without the phase being reached.</summary>
    public static bool IsOverdue(MilestoneRecord milestone, DateOnly today) => milestone.ReachedAt is null && today > milestone.TargetDate;

    /// <summary>One milestone per phase of the kind, in phase order, with target dates that do not go backwards.</summary>
    private static List<MilestoneRecord> Milestones(Validation v, InnovationProcurement p, Guid id)
    {
        var phases = InnovationPhases.Of(p.Kind);
        v.Check(p.Milestones.Count == phases.Count, "procurement.milestones", $"must give one milestone per phase: {InnovationPhases.Describe(p.Kind)}");
        var milestones = new List<MilestoneRecord>();
        DateOnly? previous = null;
        for (var i = 0; i < p.Milestones.Count; i++)
        {
            var m = p.Milestones[i];
            var field = $"procurement.milestones[{i}]";
            v.Check(i >= phases.Count || m.Phase == phases[i], field + ".phase",
                i < phases.Count ? $"must be {InnovationPhases.Describe(phases[i])}: phases run {InnovationPhases.Describe(p.Kind)}" : "is one phase too many");
            v.Required(m.InterimTarget, field + ".interim_target", 2000);
            if (v.Date(m.TargetDate, field + ".target_date", required: true) is { } date)
            {
                v.Check(previous is null || date >= previous, field + ".target_date", "must not be before the previous phase's target date");
                previous = date;
                milestones.Add(new MilestoneRecord { ProcurementId = id, Phase = m.Phase, InterimTarget = m.InterimTarget.Trim(), TargetDate = date });
            }
        }

        return milestones;
    }

    private Task<InnovationRecord?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var query = db.InnovationProcurements.Include(x => x.Partners).Include(x => x.Milestones).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(x => x.ProcurementId == id, cancellationToken);
    }
}
