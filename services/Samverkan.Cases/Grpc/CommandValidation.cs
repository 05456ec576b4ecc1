using System.Globalization;
using System.Security.Claims;
using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;
using Samverkan.Cases.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Cases.Grpc;

/// <summary>Checks every field of a change to a case and turns it into the grain's command; nothing is sent on a bad field.</summary>
internal static class CommandValidation
{
    private const int GroundsLength = 4000;

    public static (Guid CaseId, Nominate Command) Nominate(NominateCaseRequest r, ClaimsPrincipal caller)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, r.Name, r.Etag);
        v.Required(r.Reason, "reason", GroundsLength);
        v.ThrowIfInvalid();
        var restricted = caller.IsInRole(Roles.RegionContact) && !caller.IsInRole(Roles.PreparationGroup)
            ? caller.FindFirstValue(ClaimNames.Region) ?? string.Empty
            : null;
        return (caseId, new Nominate { ExpectedVersion = version, Actor = Actor(caller), Reason = r.Reason.Trim(), RestrictedToRegion = restricted });
    }

    public static (Guid CaseId, Prioritise Command) Prioritise(PrioritiseCaseRequest r, ClaimsPrincipal caller)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, r.Name, r.Etag);
        var p = r.Prioritisation;
        long? cost = null;
        if (p is null)
        {
            v.Add("prioritisation", "is required");
        }
        else
        {
            v.Required(p.Grounds, "prioritisation.grounds", GroundsLength);
            cost = Sek(v, p.EstimatedTotalCost, "prioritisation.estimated_total_cost");
            v.Check(!p.LargeVolumeOrCost || p.EstimatedTotalCost is not null, "prioritisation.estimated_total_cost", "is required when large_volume_or_cost is set: an estimate in SEK");
        }

        v.ThrowIfInvalid();
        return (caseId, new Prioritise
        {
            ExpectedVersion = version,
            Actor = Actor(caller),
            Reason = p!.Grounds.Trim(),
            Prioritisation = new Domain.Prioritisation
            {
                PatientNear = p.PatientNear,
                LargeVolumeOrCost = p.LargeVolumeOrCost,
                EstimatedTotalCostSek = cost,
                RiskOfUnequalUse = p.RiskOfUnequalUse,
                LargePatientValue = p.LargePatientValue,
                Grounds = p.Grounds.Trim(),
            },
        });
    }

    public static (Guid CaseId, Accept Command) Accept(AcceptCaseRequest r, ClaimsPrincipal caller)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, r.Name, r.Etag);
        v.Required(r.Grounds, "grounds", GroundsLength);
        if (r.InterimAdvice != Common.V1.RecommendationOutcome.Unspecified)
        {
            v.Defined(r.InterimAdvice, "interim_advice");
        }

        v.ThrowIfInvalid();
        var advice = r.InterimAdvice == Common.V1.RecommendationOutcome.Unspecified ? Outcome.Await : (Outcome)r.InterimAdvice;
        return (caseId, new Accept { ExpectedVersion = version, Actor = Actor(caller), Reason = r.Grounds.Trim(), InterimAdvice = advice });
    }

    public static (Guid CaseId, Decline Command) Decline(DeclineCaseRequest r, ClaimsPrincipal caller) =>
        WithGrounds(r.Name, r.Etag, r.Grounds, "grounds", caller, (version, actor, grounds) => new Decline { ExpectedVersion = version, Actor = actor, Reason = grounds });

    public static (Guid CaseId, MarkReadyForCouncil Command) MarkReady(MarkReadyForCouncilRequest r, ClaimsPrincipal caller) =>
        WithGrounds(r.Name, r.Etag, r.Reason, "reason", caller, (version, actor, reason) => new MarkReadyForCouncil { ExpectedVersion = version, Actor = actor, Reason = reason });

    public static (Guid CaseId, Close Command) Close(CloseCaseRequest r, ClaimsPrincipal caller) =>
        WithGrounds(r.Name, r.Etag, r.Grounds, "grounds", caller, (version, actor, grounds) => new Close { ExpectedVersion = version, Actor = actor, Reason = grounds });

    public static (Guid CaseId, OrderAssessment Command) OrderAssessment(OrderAssessmentRequest r, ClaimsPrincipal caller, TimeProvider clock)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, r.Name, r.Etag);
        var assessmentId = v.Uuid(r.RequestId, "request_id");
        if (v.Defined(r.Assessor, "assessor"))
        {
            if (r.Assessor == V1.Assessor.RegionalHta)
            {
                v.Required(r.AssessorUnit, "assessor_unit", 200);
            }
            else
            {
                v.Check(r.AssessorUnit.Length == 0, "assessor_unit", "is only given for ASSESSOR_REGIONAL_HTA");
            }
        }

        v.Required(r.Question, "question", 2000);
        var expected = v.Date(r.ExpectedDeliveryDate, "expected_delivery_date", required: true);
        if (expected is { } date)
        {
            v.Check(date >= clock.Today(), "expected_delivery_date", "must not lie in the past");
        }

        v.ThrowIfInvalid();
        return (caseId, new OrderAssessment
        {
            ExpectedVersion = version,
            Actor = Actor(caller),
            Reason = r.Question.Trim(),
            AssessmentId = assessmentId,
            Assessor = (Domain.Assessor)r.Assessor,
            AssessorUnit = r.AssessorUnit.Trim(),
            Question = r.Question.Trim(),
            ExpectedDeliveryDate = expected!.Value,
        });
    }

    public static (Guid CaseId, RecordAssessmentDelivery Command) RecordDelivery(RecordAssessmentDeliveryRequest r, ClaimsPrincipal caller)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, r.Name, r.Etag);
        var assessmentId = v.Uuid(r.AssessmentId, "assessment_id");
        v.Required(r.ReportReference, "report_reference", 200);
        v.Required(r.Summary, "summary", GroundsLength);
        v.ThrowIfInvalid();
        return (caseId, new RecordAssessmentDelivery
        {
            ExpectedVersion = version,
            Actor = Actor(caller),
            Reason = $"Delivered: {r.ReportReference.Trim()}",
            AssessmentId = assessmentId,
            ReportReference = r.ReportReference.Trim(),
            Summary = r.Summary.Trim(),
        });
    }

    private static (Guid CaseId, T Command) WithGrounds<T>(string name, string etag, string grounds, string field, ClaimsPrincipal caller, Func<int, AuditActor, string, T> create)
    {
        var v = new Validation();
        var (caseId, version) = Target(v, name, etag);
        v.Required(grounds, field, GroundsLength);
        v.ThrowIfInvalid();
        return (caseId, create(version, Actor(caller), grounds.Trim()));
    }

    /// <summary>The case a change is for and the version the caller last read.</summary>
    private static (Guid CaseId, int Version) Target(Validation v, string name, string etag)
    {
        var caseId = v.ResourceId(name, CaseMapping.Collection, "name");
        var version = 0;
        if (string.IsNullOrWhiteSpace(etag))
        {
            v.Add("etag", "is required: the etag of the case as last read");
        }
        else
        {
            v.Check(int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0, "etag", "is not an etag this service gave out");
        }

        return (caseId, version);
    }

    /// <summary>An amount in whole SEK, or null when not given.</summary>
    private static long? Sek(Validation v, Common.V1.Money? money, string field)
    {
        if (money is null)
        {
            return null;
        }

        var valid = v.Check(money.CurrencyCode == "SEK", field + ".currency_code", "must be SEK")
            & v.Check(money.Units >= 0 && money.Nanos >= 0 && money.Nanos < 1_000_000_000, field, "must be a non-negative amount");
        return valid ? money.Units : null;
    }

    private static AuditActor Actor(ClaimsPrincipal caller) => caller.ToActor().ToAuditActor();
}
