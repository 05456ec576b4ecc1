using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Domain;

/// <summary>
/// An event told for people, with what subscribers filter on. <see cref="RegionCodes"/> is null when the event concerns
/// every region (a national recommendation); <see cref="ReminderKind"/> is set for a reminder only.
/// </summary>
public sealed record Notice(
    string Title,
    string Summary,
    string CaseId,
    IReadOnlyList<string> ProgrammeAreaCodes,
    IReadOnlyList<string> CaseIds,
    IReadOnlyList<string> RecommendationIds,
    IReadOnlyList<string>? RegionCodes,
    IReadOnlyList<string> ProcurementIds,
    ReminderKind? ReminderKind = null);
