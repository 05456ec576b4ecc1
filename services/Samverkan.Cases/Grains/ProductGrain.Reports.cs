using Samverkan.Cases.Domain;
using Samverkan.Events.V1;

namespace Samverkan.Cases.Grains;

/// <summary>
/// What the other services report about the product: the council's recommendation, procurement and the regions'
/// follow-up. Delivery is at least once, so each report says by its event id or version whether it is news; a
/// redelivery changes nothing. A report never fails on the case's state: it is a fact the case records.
/// </summary>
public sealed partial class ProductGrain
{
    public async Task AssessmentDueAsync(Guid assessmentId)
    {
        var assessment = S.Assessments.SingleOrDefault(a => a.AssessmentId == assessmentId);
        if (!S.IsRegistered || assessment is null || assessment.IsDelivered || assessment.Overdue || S.Status == CaseStatus.Closed)
        {
            return;
        }

        var now = clock.GetUtcNow();
        assessment.Overdue = true;
        var why = $"Expected from {assessment.AssessorName} by {assessment.ExpectedDeliveryDate:yyyy-MM-dd}.";
        Record(now, SystemActor, S.Status, "assessment-overdue", why, $"Assessment {assessment.AssessmentId} not delivered.");
        Emit(now, new AssessmentOverdue
        {
            CaseId = CaseId.ToString(),
            ProductDisplayName = S.Product!.DisplayName,
            AssessmentId = assessment.AssessmentId.ToString(),
            Assessor = assessment.AssessorName,
            ExpectedDeliveryDate = new Common.V1.Date
            {
                Year = assessment.ExpectedDeliveryDate.Year,
                Month = assessment.ExpectedDeliveryDate.Month,
                Day = assessment.ExpectedDeliveryDate.Day,
            },
            ProgrammeAreaCodes = { S.Product.ProgrammeAreaCodes },
        });
        await SaveAsync();
    }

    public async Task RecommendationReportedAsync(RecommendationReported reported)
    {
        var incoming = reported.Recommendation;
        if (!S.IsRegistered || (S.Recommendation is { } current && current.RecommendationId == incoming.RecommendationId && current.Version >= incoming.Version))
        {
            return;
        }

        var previous = S.Status;
        S.Recommendation = incoming;
        var next = previous.Allows(CaseAction.Recommend) ? previous.Apply(CaseAction.Recommend, CaseId) : previous;
        var what = incoming.Version == 1 ? "recommendation-published" : "recommendation-revised";
        var why = incoming.Version == 1 ? "The council published its recommendation." : reported.ChangeSummary;
        Record(reported.At, reported.Actor, next, what, why, $"{incoming.Number} version {incoming.Version}: {incoming.Outcome}, review {incoming.ReviewDate:yyyy-MM-dd}.");
        if (next != previous)
        {
            EmitStatusChanged(reported.At, previous, reported.Actor, why);
        }

        await SaveAsync();
    }

    public async Task ReviewDueReportedAsync(ReviewDueReported reported)
    {
        if (!S.IsRegistered || S.Recommendation is not { } current || current.RecommendationId != reported.RecommendationId
            || current.Version != reported.Version || !S.Status.Allows(CaseAction.StartReview))
        {
            return;
        }

        var previous = S.Status;
        var next = previous.Apply(CaseAction.StartReview, CaseId);
        var why = $"{current.Number} reached its review date {current.ReviewDate:yyyy-MM-dd}.";
        Record(reported.At, reported.Actor, next, "review-due", why);
        EmitStatusChanged(reported.At, previous, reported.Actor, why);
        await SaveAsync();
    }

    public async Task ProcurementReportedAsync(ProcurementReported reported)
    {
        var activity = S.ProcurementActivities.SingleOrDefault(a => a.ProcurementId == reported.ProcurementId);
        if (!S.IsRegistered || (activity is not null && (activity.LastEventId == reported.EventId || activity.UpdatedAt > reported.At)))
        {
            return;
        }

        if (activity is null)
        {
            activity = new ProcurementActivity { ProcurementId = reported.ProcurementId };
            S.ProcurementActivities.Add(activity);
        }

        activity.Title = reported.Title;
        activity.LatestChange = reported.Change;
        activity.Summary = reported.Summary;
        activity.UpdatedAt = reported.At;
        activity.LastEventId = reported.EventId;
        Record(reported.At, reported.Actor, S.Status, "procurement-reported", reported.Summary, $"{reported.Title}: {reported.Change}.");
        await SaveAsync();
    }

    public async Task FollowUpReportedAsync(FollowUpReported reported)
    {
        var region = S.RegionFollowUps.SingleOrDefault(r => r.RegionCode == reported.RegionCode);
        if (!S.IsRegistered || (region is not null && (region.LastEventId == reported.EventId || region.UpdatedAt > reported.At)))
        {
            return;
        }

        if (region is null)
        {
            region = new RegionFollowUp { RegionCode = reported.RegionCode };
            S.RegionFollowUps.Add(region);
            S.RegionFollowUps.Sort((a, b) => string.CompareOrdinal(a.RegionCode, b.RegionCode));
        }

        region.Stage = reported.Stage;
        region.Decision = reported.Overdue ? region.Decision : reported.Decision;
        region.Overdue |= reported.Overdue;
        region.UpdatedAt = reported.At;
        region.LastEventId = reported.EventId;
        var what = reported.Overdue ? "follow-up-overdue" : "follow-up-reported";
        Record(reported.At, reported.Actor, S.Status, what, reported.Overdue ? $"Region {reported.RegionCode} passed its deadline undecided." : $"Region {reported.RegionCode} reported its handling.");
        await SaveAsync();
    }

    /// <summary>The platform itself, for changes no person made (a timer firing).</summary>
    private static AuditActor SystemActor { get; } = new() { Subject = "samverkan-cases", Organisation = "Samverkan.Platform" };
}
