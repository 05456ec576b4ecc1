using Google.Protobuf;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Council.Grpc;

/// <summary>A decision as validated: everything but who takes part, which the meeting decides.</summary>
internal sealed record DecisionContent(
    RecommendationOutcome Outcome,
    RecommendationLevel Level,
    IReadOnlyList<string> HealthcareRegionCodes,
    DecisionGrounds Grounds,
    IReadOnlyList<string> Conditions,
    string Summary,
    DateOnly FollowUpDeadline,
    DateOnly ReviewDate);

/// <summary>Checks every field of a decision; the review date defaults to two years after today.</summary>
internal static class DecisionValidation
{
    private const int GroundTextLength = 2000;

    private static readonly JsonFormatter GroundsFormatter = new(JsonFormatter.Settings.Default);

    public static string Store(DecisionGrounds grounds) => GroundsFormatter.Format(grounds);

    public static DecisionContent Content(Validation v, RecordDecisionRequest r, ReferenceDataCatalog catalog, TimeProvider clock)
    {
        v.Defined(r.Outcome, "outcome");
        if (v.Defined(r.Level, "level"))
        {
            if (r.Level == RecommendationLevel.National)
            {
                v.Check(r.HealthcareRegionCodes.Count == 0, "healthcare_region_codes", "is only given for a healthcare-regional level");
            }
            else
            {
                v.Check(r.HealthcareRegionCodes.Count > 0, "healthcare_region_codes", "must name the healthcare regions for a healthcare-regional level");
            }
        }

        for (var i = 0; i < r.HealthcareRegionCodes.Count; i++)
        {
            var code = r.HealthcareRegionCodes[i];
            if (v.Check(catalog.FindHealthcareRegion(code) is not null, $"healthcare_region_codes[{i}]", "is not a healthcare region code"))
            {
                v.Check(r.HealthcareRegionCodes.Take(i).All(c => c != code), $"healthcare_region_codes[{i}]", "is listed twice");
            }
        }

        Grounds(v, r.Grounds);
        v.Check(r.Conditions.Count <= 20, "conditions", "must be at most 20");
        for (var i = 0; i < r.Conditions.Count; i++)
        {
            v.Required(r.Conditions[i], $"conditions[{i}]", 500);
        }

        v.Required(r.Summary, "summary", 4000);
        var today = clock.Today();
        var deadline = v.Date(r.FollowUpDeadline, "follow_up_deadline", required: true);
        if (deadline is { } d)
        {
            v.Check(d > today, "follow_up_deadline", "must lie in the future");
        }

        var review = v.Date(r.ReviewDate, "review_date", required: false);
        if (review is { } rd)
        {
            v.Check(rd > today, "review_date", "must lie in the future");
        }

        return new DecisionContent(r.Outcome, r.Level, [.. r.HealthcareRegionCodes], r.Grounds?.Clone() ?? new DecisionGrounds(),
            [.. r.Conditions.Select(c => c.Trim())], r.Summary.Trim(), deadline ?? default, review ?? today.AddYears(2));
    }

    /// <summary>Every ground of the ethical platform and the weighing: an assessment and a text each.</summary>
    private static void Grounds(Validation v, DecisionGrounds? grounds)
    {
        if (grounds is null)
        {
            v.Add("grounds", "is required");
            return;
        }

        Ground(v, grounds.HumanDignity, "grounds.human_dignity");
        Ground(v, grounds.NeedAndSolidarity, "grounds.need_and_solidarity");
        Ground(v, grounds.CostEffectiveness, "grounds.cost_effectiveness");
        Ground(v, grounds.Severity, "grounds.severity");
        Ground(v, grounds.Effect, "grounds.effect");
        Ground(v, grounds.Prevalence, "grounds.prevalence");
        Ground(v, grounds.EvidenceReliability, "grounds.evidence_reliability");
    }

    private static void Ground(Validation v, Ground? ground, string field)
    {
        if (ground is null)
        {
            v.Add(field, "is required");
            return;
        }

        v.Defined(ground.Assessment, field + ".assessment");
        if (v.Required(ground.Text, field + ".text", GroundTextLength))
        {
            ground.Text = ground.Text.Trim();
        }
    }
}
