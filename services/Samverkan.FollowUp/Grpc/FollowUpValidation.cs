using System.Globalization;
using System.Security.Claims;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.Grains;
using Samverkan.FollowUp.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.FollowUp.Grpc;

/// <summary>Checks every field of a request and the caller's region before anything reaches the grain.</summary>
public sealed class FollowUpValidation(ReferenceDataCatalog catalog, TimeProvider clock)
{
    public const int MaxText = 4000;

    /// <summary>A follow-up's resource name whose region is one of the 21.</summary>
    public (Guid RecommendationId, string RegionCode) Name(Validation v, string name, string field = "name")
    {
        if (!FollowUpNames.TryParse(name, out var id, out var region))
        {
            v.Add(field, "must be a resource name 'recommendations/{uuid}/followUps/{region_code}'");
            return (Guid.Empty, string.Empty);
        }

        v.Check(catalog.FindRegion(region) is not null, field, $"names unknown region '{region}'; the region code is one of the 21 two-digit county codes");
        return (id, region);
    }

    public (Guid RecommendationId, StageCommand Command) Stage(ClaimsPrincipal caller, string name, FollowUpStage stage, Common.V1.Date? date, string documentUri,
        RegionalDecision decision, string grounds, string reference, string etag, string reason, bool correction)
    {
        var v = new Validation();
        var (id, region) = Name(v, name);
        v.Check(Stages.IsReportable(stage), "stage", "must be a stage after OPEN");
        var day = v.Date(date, "date", required: true);
        if (day is { } d)
        {
            v.Check(d <= clock.Today(), "date", "must not be in the future");
        }

        v.Check(Enum.IsDefined(decision), "decision", "must be a known decision");
        v.MaxLength(grounds, "decision_grounds", MaxText);
        v.MaxLength(reference, "decision_reference", 100);
        DocumentUri(v, documentUri);
        var expected = Etag(v, etag, required: correction);
        if (correction)
        {
            v.Required(reason, "reason", MaxText);
        }
        else
        {
            v.MaxLength(reason, "reason", MaxText);
        }

        v.ThrowIfInvalid();
        caller.EnsureMayActForRegion(region, "name");
        return (id, new StageCommand
        {
            RegionCode = region,
            Stage = (int)stage,
            Date = day!.Value,
            DocumentUri = documentUri,
            Decision = (int)decision,
            DecisionGrounds = grounds.Trim(),
            DecisionReference = reference.Trim(),
            ExpectedVersion = expected,
            Reason = reason.Trim(),
            Actor = Reporter(caller),
        });
    }

    public (Guid RecommendationId, ConfirmCommand Command) Confirm(ClaimsPrincipal caller, ConfirmDecisionRequest request)
    {
        var v = new Validation();
        var (id, region) = Name(v, request.Name);
        var expected = Etag(v, request.Etag, required: false);
        v.MaxLength(request.Reason, "reason", MaxText);
        v.ThrowIfInvalid();
        caller.EnsureMayActForRegion(region, "name");
        return (id, new ConfirmCommand { RegionCode = region, ExpectedVersion = expected, Reason = request.Reason.Trim(), Actor = Reporter(caller) });
    }

    public (Guid RecommendationId, UptakeCommand Command) Uptake(ClaimsPrincipal caller, ReportUptakeRequest request)
    {
        var v = new Validation();
        var (id, region) = Name(v, request.FollowUp, "follow_up");
        Period(v, request.Period, "period");
        v.Defined(request.Measure, "measure");
        v.Check(double.IsFinite(request.Value) && request.Value >= 0, "value", "must be zero or more");
        v.MaxLength(request.Reason, "reason", MaxText);
        v.ThrowIfInvalid();
        caller.EnsureMayActForRegion(region, "follow_up");
        return (id, new UptakeCommand
        {
            RegionCode = region,
            Year = request.Period.Year,
            Quarter = request.Period.Quarter,
            Measure = (int)request.Measure,
            Value = request.Value,
            Reason = request.Reason.Trim(),
            Actor = Reporter(caller),
        });
    }

    /// <summary>A quarter that has begun in Sweden: figures are counted, never forecast.</summary>
    public void Period(Validation v, UptakePeriod? period, string field)
    {
        if (period is null)
        {
            v.Add(field, "is required");
            return;
        }

        if (!v.Check(period.Year is >= 2000 and <= 2200, field + ".year", "must be a year from 2000")
            | !v.Check(period.Quarter is >= 1 and <= 4, field + ".quarter", "must be 1–4"))
        {
            return;
        }

        v.Check(new DateOnly(period.Year, (period.Quarter * 3) - 2, 1) <= clock.Today(), field, "must not be in the future");
    }

    private static void DocumentUri(Validation v, string uri)
    {
        if (uri.Length > 0)
        {
            v.Check(uri.Length <= 2000 && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp),
                "document_uri", "must be an absolute http(s) link of at most 2000 characters");
        }
    }

    private static int? Etag(Validation v, string etag, bool required)
    {
        if (etag.Length == 0)
        {
            v.Check(!required, "etag", "is required");
            return null;
        }

        return v.Check(int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version), "etag", "is not an etag from this service") ? version : null;
    }

    private static Reporter Reporter(ClaimsPrincipal caller)
    {
        var actor = caller.ToActor();
        return new Reporter { Subject = actor.Subject, Organisation = actor.Organisation, RegionCode = actor.RegionCode };
    }
}
