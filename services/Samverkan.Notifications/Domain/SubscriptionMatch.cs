using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Domain;

/// <summary>Whether a notice reaches a subscription: every filter list the subscriber set must share a value with the notice.</summary>
public static class SubscriptionMatch
{
    public static bool Matches(this SubscriptionRecord s, Notice notice) =>
        Overlaps(s.ProgrammeAreaCodes, notice.ProgrammeAreaCodes)
        && Overlaps(s.CaseIds, notice.CaseIds)
        && Overlaps(s.RecommendationIds, notice.RecommendationIds)
        && (s.RegionCodes.Count == 0 || notice.RegionCodes is null || Overlaps(s.RegionCodes, notice.RegionCodes))
        && Overlaps(s.ProcurementIds, notice.ProcurementIds)
        && (s.ReminderKinds.Count == 0 || notice.ReminderKind is not { } kind || s.ReminderKinds.Contains(kind));

    private static bool Overlaps(List<string> filter, IReadOnlyList<string> values) =>
        filter.Count == 0 || values.Any(v => filter.Contains(v, StringComparer.OrdinalIgnoreCase));
}
