using System.Globalization;
using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Domain;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>
/// Supplier applications to a dynamic purchasing system and their qualification decisions: due 10 working days after
/// receipt, 15 when extended for that application with a reason, later in the set-up phase (8 kap. LOU; see
/// <see cref="Fields.QualificationDueDate"/>).
/// </summary>
public sealed class Qualification(UpphandlingDbContext db, PurchasingSystems systems, TimeProvider clock)
{
    public const string Collection = "supplierApplications";

    public async Task<ApplicationRecord> SubmitAsync(SubmitSupplierApplicationRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var systemId = v.ResourceId(r.System, PurchasingSystems.Collection, "system");
        var categoryId = v.Uuid(r.CategoryId, "category_id");
        var orgNumber = v.OrganisationNumber(r.OrganisationNumber, "organisation_number");
        v.Required(r.SupplierName, "supplier_name", 300);
        var now = clock.GetUtcNow();
        var received = v.Timestamp(r.ReceiveTime, "receive_time", required: false) ?? now;
        v.Check(received <= now, "receive_time", "must not lie in the future");
        v.ThrowIfInvalid();

        if (await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == id, cancellationToken) is { } existing)
        {
            return existing;
        }

        var system = await systems.LoadAsync(systemId, cancellationToken) ?? throw new NotFoundException(r.System);
        var category = system.Categories.SingleOrDefault(c => c.CategoryId == categoryId);
        v.Check(category is not null, "category_id", "is not a category of the system");
        v.Check(system.PublishedAt is null || received.UtcDateTime >= system.PublishedAt, "receive_time", "must not be before the system was published");
        v.ThrowIfInvalid();
        PurchasingSystems.EnsurePublished(system, r.System);
        var invited = await db.CallOffs.AnyAsync(c => c.SystemId == systemId, cancellationToken);
        if (await db.Applications.AnyAsync(a => a.SystemId == systemId && a.CategoryId == categoryId && a.OrganisationNumber == orgNumber
            && a.Decision != QualificationDecision.Rejected, cancellationToken))
        {
            throw new FailedPreconditionException("ALREADY_APPLIED", r.System, $"{orgNumber} already has an application to {category!.Title} pending or admitted.");
        }

        // Until the system's first invitation to tender the set-up phase's first application window applies; once one has
        // gone out, every assessment has the normal deadline (see EndSetUpPhaseAsync), whenever the application was received.
        var windowEnd = invited ? null : PurchasingSystems.SetUpWindowEnd(system);
        var (dueDate, setUpPhase) = Fields.QualificationDueDate(received.UtcDateTime, extended: false, windowEnd);
        var application = new ApplicationRecord
        {
            ApplicationId = id,
            SystemId = systemId,
            CategoryId = categoryId,
            OrganisationNumber = orgNumber,
            SupplierName = r.SupplierName.Trim(),
            ReceivedAt = received.UtcDateTime,
            DueDate = dueDate,
            SetUpWindowEnd = windowEnd,
            Revision = 1,
        };
        db.Applications.Add(application);
        var name = $"{Collection}/{id}";
        var audit = caller.Audit(clock, $"Application from {application.SupplierName} ({orgNumber})");
        db.Audit(audit, name, "supplier-application.received", category!.Title);
        await db.PublishAsync(ProcurementChange.ApplicationReceived, system.SystemId.ToString(), system.Title, system.RecommendationIds, system.RegionCodes,
            $"Supplier {orgNumber} applied to category {category.Title}; decision due {application.DueDate.Iso()}{SetUpNote(setUpPhase, windowEnd)}", audit, application.DueDate, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return application;
    }

    public async Task<ApplicationRecord> ExtendAsync(ExtendQualificationAssessmentRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (application, system, revision) = await TargetAsync(r.Name, r.Etag, r.Reason, "reason", cancellationToken);
        if (application.Extended)
        {
            throw new FailedPreconditionException("ALREADY_EXTENDED", r.Name, $"The assessment is already extended to {application.DueDate.Iso()}.");
        }

        if (clock.Today() > application.DueDate)
        {
            throw new FailedPreconditionException("DUE_DATE_PASSED", r.Name, $"The decision was due on {application.DueDate.Iso()}; an extension comes before that.");
        }

        var audit = caller.Audit(clock, r.Reason.Trim());
        application.Extended = true;
        application.ExtensionReason = r.Reason.Trim();
        application.DueDate = Fields.QualificationDueDate(application.ReceivedAt, extended: true, application.SetUpWindowEnd).DueDate;
        application.Revision++;
        db.Audit(audit, r.Name, "supplier-application.assessment-extended", application.DueDate.Iso());
        await db.PublishAsync(ProcurementChange.QualificationExtended, system.SystemId.ToString(), system.Title, system.RecommendationIds, system.RegionCodes,
            $"Assessment of {application.OrganisationNumber} extended to {application.DueDate.Iso()}", audit, application.DueDate, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return application;
    }

    public async Task<ApplicationRecord> DecideAsync(DecideQualificationRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.Defined(r.Decision, "decision");
        v.Required(r.Grounds, "grounds", Fields.GroundsLength);
        var (application, system, revision) = await TargetAsync(r.Name, r.Etag, r.Grounds, "grounds", cancellationToken, v);
        var audit = caller.Audit(clock, r.Grounds.Trim());
        application.Decision = r.Decision;
        application.DecisionGrounds = r.Grounds.Trim();
        application.DecidedAt = clock.GetUtcNow().UtcDateTime;
        application.Revision++;
        var admitted = r.Decision == QualificationDecision.Admitted;
        if (admitted)
        {
            system.AdmissionsVersion++;
        }

        var category = system.Categories.Single(c => c.CategoryId == application.CategoryId);
        var late = IsLate(application, clock.Today()) ? $", {LateDays(application, clock.Today())} working days after the due date {application.DueDate.Iso()}" : string.Empty;
        db.Audit(audit, r.Name, admitted ? "supplier-application.admitted" : "supplier-application.rejected", category.Title + late);
        await db.PublishAsync(admitted ? ProcurementChange.SupplierAdmitted : ProcurementChange.SupplierRejected, system.SystemId.ToString(), system.Title,
            system.RecommendationIds, system.RegionCodes,
            $"Supplier {application.OrganisationNumber} {(admitted ? "admitted to" : "rejected from")} category {category.Title}{late}", audit, null, cancellationToken);
        await db.SaveAsync(r.Name, revision, cancellationToken);
        return application;
    }

    public async Task<(List<ApplicationRecord> Applications, string NextPageToken)> ListAsync(ListSupplierApplicationsRequest r, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var systemId = v.ResourceId(r.System, PurchasingSystems.Collection, "system");
        var size = v.PageSize(r.PageSize, 50, 100);
        var after = v.PageToken(r.PageToken, 2);
        v.ThrowIfInvalid();
        if (!await db.PurchasingSystems.AnyAsync(s => s.SystemId == systemId, cancellationToken))
        {
            throw new NotFoundException(r.System);
        }

        var query = db.Applications.AsNoTracking().Where(a => a.SystemId == systemId);
        if (after is [var received, var application])
        {
            var receivedAt = DateTime.Parse(received, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var applicationId = Guid.Parse(application);
            query = query.Where(a => a.ReceivedAt > receivedAt || (a.ReceivedAt == receivedAt && a.ApplicationId.CompareTo(applicationId) > 0));
        }

        var page = await query.OrderBy(a => a.ReceivedAt).ThenBy(a => a.ApplicationId).Take(size + 1).ToListAsync(cancellationToken);
        var next = string.Empty;
        if (page.Count > size)
        {
            var last = page[size - 1];
            next = Paging.Encode(last.ReceivedAt.ToString("O", CultureInfo.InvariantCulture), last.ApplicationId.ToString());
        }

        return ([.. page.Take(size)], next);
    }

    /// <summary>Undecided applications of published systems due within <paramref name="withinWorkingDays"/> working days (0: 3), or overdue.</summary>
    public async Task<List<ApplicationRecord>> NearingDueDateAsync(int withinWorkingDays, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.Check(withinWorkingDays is >= 0 and <= 15, "within_working_days", "must be between 1 and 15 (0 for the default, 3)");
        v.ThrowIfInvalid();
        withinWorkingDays = withinWorkingDays == 0 ? 3 : withinWorkingDays;
        var horizon = SwedishCalendar.AddWorkingDays(clock.Today(), withinWorkingDays);
        var published = db.PurchasingSystems.Where(s => s.State == DynamicPurchasingSystemState.Published).Select(s => s.SystemId);
        return await db.Applications.AsNoTracking()
            .Where(a => a.Decision == QualificationDecision.Unspecified && a.DueDate <= horizon && published.Contains(a.SystemId))
            .OrderBy(a => a.DueDate).ThenBy(a => a.ReceivedAt).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Decided after the due date, or still undecided once it has passed.</summary>
    public static bool IsLate(ApplicationRecord application, DateOnly today) =>
        (application.DecidedAt is { } decided ? Fields.SwedishDate(decided) : today) > application.DueDate;

    /// <summary>
    /// The first call-off ends the set-up phase: the longer first assessment is allowed only as long as no invitation to
    /// tender has gone out, and none may go out during it (8 kap. LOU, art. 34.5 of directive 2014/24/EU). So the first
    /// call-off is refused while an undecided application is past the day the normal rule gives it, and the others fall
    /// back to that day.
    /// </summary>
    public async Task EndSetUpPhaseAsync(PurchasingSystemRecord system, string subject, Common.V1.AuditInfo audit, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var pending = (await db.Applications
            .Where(a => a.SystemId == system.SystemId && a.Decision == QualificationDecision.Unspecified && a.SetUpWindowEnd != null)
            .OrderBy(a => a.ReceivedAt).ToListAsync(cancellationToken)).Where(SetUpPhase).ToList();
        var normal = pending.ToDictionary(a => a, a => Fields.QualificationDueDate(a.ReceivedAt, a.Extended, setUpWindowEnd: null).DueDate);
        var beyond = pending.Where(a => today > normal[a]).ToList();
        if (beyond.Count > 0)
        {
            throw new FailedPreconditionException("SET_UP_ASSESSMENT_RUNNING", subject,
                "No invitation to tender may go out while an application is assessed beyond the normal deadline in the set-up phase; decide first: "
                + string.Join(", ", beyond.Select(a => $"{a.OrganisationNumber} (normally due {normal[a].Iso()})")));
        }

        foreach (var application in pending)
        {
            application.DueDate = normal[application];
            application.SetUpWindowEnd = null;
            application.Revision++;
            db.Audit(audit, $"{Collection}/{application.ApplicationId}", "supplier-application.set-up-phase-ended", application.DueDate.Iso());
        }
    }

    /// <summary>Whether the application's due date comes from the set-up phase's first application window.</summary>
    public static bool SetUpPhase(ApplicationRecord application) =>
        Fields.QualificationDueDate(application.ReceivedAt, application.Extended, application.SetUpWindowEnd).SetUpPhase;

    public static Timestamp? DecideTime(ApplicationRecord application) =>
        application.DecidedAt is { } decided ? Timestamp.FromDateTime(DateTime.SpecifyKind(decided, DateTimeKind.Utc)) : null;

    private static string SetUpNote(bool setUpPhase, DateOnly? windowEnd) =>
        setUpPhase ? $" (set-up phase: counted from the end of the first application window on {windowEnd!.Value.Iso()})" : string.Empty;

    private static int LateDays(ApplicationRecord application, DateOnly today) => SwedishCalendar.WorkingDaysBetween(application.DueDate, today);

    private async Task<(ApplicationRecord Application, PurchasingSystemRecord System, int Revision)> TargetAsync(string name, string etag, string text, string field,
        CancellationToken cancellationToken, Validation? validation = null)
    {
        var v = validation ?? new Validation();
        var id = v.ResourceId(name, Collection, "name");
        if (validation is null)
        {
            v.Required(text, field, Fields.GroundsLength);
        }

        var revision = v.ParseEtag(etag, "supplier application");
        v.ThrowIfInvalid();
        var application = await db.Applications.SingleOrDefaultAsync(a => a.ApplicationId == id, cancellationToken) ?? throw new NotFoundException(name);
        Etags.CheckEtag(name, application.Revision, revision);
        var system = await systems.LoadAsync(application.SystemId, cancellationToken) ?? throw new NotFoundException(name);
        PurchasingSystems.EnsurePublished(system, name);
        if (application.Decision != QualificationDecision.Unspecified)
        {
            throw new FailedPreconditionException("ALREADY_DECIDED", name, $"{application.OrganisationNumber}'s application is already {Mapping.Describe(application.Decision)}.");
        }

        return (application, system, revision);
    }
}
