using Samverkan.Common.V1;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ReferenceData.Catalog;

namespace Samverkan.Notifications.Domain;

/// <summary>How each event the service consumes is told: its title, a summary and the values subscribers filter on.</summary>
public sealed class Notices(ReferenceDataCatalog catalog)
{
    public Notice CaseOpened(CaseOpened e) => new(
        $"New case: {e.ProductDisplayName} ({e.Manufacturer})",
        $"{e.ProductDisplayName} by {e.Manufacturer} was registered for national managed introduction.",
        e.CaseId, e.ProgrammeAreaCodes, [e.CaseId], [], [], []);

    public Notice CaseStatusChanged(CaseStatusChanged e) => new(
        $"{e.ProductDisplayName}: {Words.Of(e.PreviousState)} → {Words.Of(e.State)}",
        $"The case of {e.ProductDisplayName} moved from {Words.Of(e.PreviousState)} to {Words.Of(e.State)}. {e.Audit?.Reason}".TrimEnd(),
        e.CaseId, e.ProgrammeAreaCodes, [e.CaseId], [], [], []);

    public Notice CaseReadyForCouncil(CaseReadyForCouncil e) => new(
        $"{e.ProductDisplayName} is ready for the council",
        string.Join("\n", new[] { $"{e.ProductDisplayName} by {e.Manufacturer} can be put on a council agenda." }.Concat(e.AssessmentSummaries)),
        e.CaseId, e.ProgrammeAreaCodes, [e.CaseId], [], [], []);

    public Notice AssessmentOverdue(AssessmentOverdue e) => new(
        $"Assessment of {e.ProductDisplayName} by {e.Assessor} is overdue",
        $"The assessment by {e.Assessor} of {e.ProductDisplayName} was expected by {Words.Of(e.ExpectedDeliveryDate)}.",
        e.CaseId, e.ProgrammeAreaCodes, [e.CaseId], [], [], []);

    public Notice RecommendationPublished(RecommendationPublished e) => Recommendation(e.Recommendation,
        $"Recommendation {e.Recommendation.Number} published: {e.Recommendation.ProductDisplayName} – {Words.Of(e.Recommendation.Outcome)}");

    public Notice RecommendationRevised(RecommendationRevised e) => Recommendation(e.Recommendation,
        $"Recommendation {e.Recommendation.Number} revised (version {e.Recommendation.Version}): {e.Recommendation.ProductDisplayName} – {Words.Of(e.Recommendation.Outcome)}",
        e.ChangeSummary);

    public Notice RecommendationReviewDue(RecommendationReviewDue e) => Recommendation(e.Recommendation,
        $"Recommendation {e.Recommendation.Number} on {e.Recommendation.ProductDisplayName} is due for review");

    public Notice ProcurementStatusChanged(ProcurementStatusChanged e) => new(
        e.Summary is { Length: > 0 } ? $"{e.Title}: {e.Summary}" : $"{e.Title}: {Words.Of(e.Change)}",
        e.DueDate is null ? e.Summary : $"{e.Summary} Next step due {Words.Of(e.DueDate)}.".Trim(),
        e.CaseIds.FirstOrDefault() ?? string.Empty, e.ProgrammeAreaCodes, e.CaseIds, e.RecommendationIds, e.RegionCodes, [e.ProcurementId]);

    public Notice FollowUpReported(FollowUpReported e) => new(
        $"{Region(e.RegionCode)} reported {Words.Of(e.Stage)} on {e.RecommendationNumber}",
        $"{Region(e.RegionCode)} reached the stage {Words.Of(e.Stage)} in its handling of recommendation {e.RecommendationNumber}.",
        e.CaseId, [], [e.CaseId], [e.RecommendationId], [e.RegionCode], []);

    public Notice FollowUpOverdue(FollowUpOverdue e) => new(
        $"{Region(e.RegionCode)} has not decided on {e.RecommendationNumber}",
        $"The deadline {Words.Of(e.Deadline)} for {Region(e.RegionCode)}'s decision on recommendation {e.RecommendationNumber} has passed; last stage reported: {Words.Of(e.Stage)}.",
        e.CaseId, [], [e.CaseId], [e.RecommendationId], [e.RegionCode], []);

    public Notice Reminder(DeadlineReminder r)
    {
        var when = r.DaysLeft == 1 ? "tomorrow" : $"in {r.DaysLeft} days";
        var (title, summary) = r.Kind switch
        {
            ReminderKind.FollowUpDeadline => ($"Follow-up deadline for {r.RecommendationNumber} {when}",
                $"Every region reports how it handles recommendation {r.RecommendationNumber} on {r.Subject} by {Words.Of(r.DueDate)}."),
            ReminderKind.ReviewDate => ($"Recommendation {r.RecommendationNumber} is due for review {when}",
                $"Recommendation {r.RecommendationNumber} on {r.Subject} is to be reviewed on {Words.Of(r.DueDate)}."),
            _ => ($"Qualification decision due {when}: {r.Subject}",
                $"The decision on the application ({r.Subject}) is due by {Words.Of(r.DueDate)}."),
        };
        return new Notice(title, summary, r.CaseId, r.ProgrammeAreaCodes, r.CaseId.Length > 0 ? [r.CaseId] : [],
            r.RecommendationId.Length > 0 ? [r.RecommendationId] : [], r.RegionCodes.Count > 0 ? r.RegionCodes : null,
            r.ProcurementId.Length > 0 ? [r.ProcurementId] : [], r.Kind);
    }

    private Notice Recommendation(RecommendationSnapshot r, string title, string? change = null) => new(
        title,
        string.Join("\n", new[] { change, r.Summary, r.FollowUpDeadline is null ? null : $"Regions report how they handle it by {Words.Of(r.FollowUpDeadline)}." }
            .Where(line => !string.IsNullOrWhiteSpace(line))),
        r.CaseId, r.ProgrammeAreaCodes, [r.CaseId], [r.RecommendationId], RegionsOf(r), []);

    /// <summary>A national recommendation concerns every region; a healthcare-regional one the regions of its healthcare regions.</summary>
    public IReadOnlyList<string>? RegionsOf(RecommendationSnapshot r) => r.Level == RecommendationLevel.HealthcareRegional
        ? [.. r.HealthcareRegionCodes.SelectMany(code => catalog.FindHealthcareRegion(code)?.RegionCodes ?? []).Distinct()]
        : null;

    private string Region(string code) => catalog.FindRegion(code)?.Name ?? $"Region {code}";
}
