using System.Net.Mail;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Notifications.Grpc;

/// <summary>Checks every field of a new subscription; one field violation per bad field, nothing written on any.</summary>
internal static class SubscriptionValidation
{
    public const string EmailProblem = "must be an e-mail address such as name@region.se";

    private const int MaxValues = 50;

    /// <summary>The event types a subscriber may choose: those this service consumes.</summary>
    public static IReadOnlySet<string> KnownEventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseOpened.Descriptor.FullName,
        CaseStatusChanged.Descriptor.FullName,
        CaseReadyForCouncil.Descriptor.FullName,
        AssessmentOverdue.Descriptor.FullName,
        RecommendationPublished.Descriptor.FullName,
        RecommendationRevised.Descriptor.FullName,
        RecommendationReviewDue.Descriptor.FullName,
        ProcurementStatusChanged.Descriptor.FullName,
        FollowUpReported.Descriptor.FullName,
        FollowUpOverdue.Descriptor.FullName,
        DeadlineReminder.Descriptor.FullName,
    };

    public static (Guid Id, Subscription Subscription) Validate(CreateSubscriptionRequest r, ReferenceDataCatalog catalog, bool allowInsecureWebhooks)
    {
        var v = new Validation();
        var id = v.Uuid(r.RequestId, "request_id");
        var s = r.Subscription;
        if (s is null)
        {
            v.Add("subscription", "is required");
            v.ThrowIfInvalid();
        }

        if (v.Defined(s!.Channel, "subscription.channel"))
        {
            Address(v, s.Channel, s.Address.Trim(), allowInsecureWebhooks);
        }

        EventTypes(v, s.EventTypes);
        var f = s.Filter ?? new SubscriptionFilter();
        Values(v, f.ProgrammeAreaCodes, "subscription.filter.programme_area_codes", code => catalog.FindProgrammeArea(code) is not null, "is not a known programme area code");
        Values(v, f.CaseIds, "subscription.filter.case_ids", IsUuid, "must be a case id (UUID)");
        Values(v, f.RecommendationIds, "subscription.filter.recommendation_ids", IsUuid, "must be a recommendation id (UUID)");
        Values(v, f.RegionCodes, "subscription.filter.region_codes", code => catalog.FindRegion(code) is not null, "is not a known two-digit region code");
        Values(v, f.ProcurementIds, "subscription.filter.procurement_ids", id => id.Length is > 0 and <= 64, "must be a procurement activity id");
        Values(v, f.ReminderKinds, "subscription.filter.reminder_kinds", kind => kind != ReminderKind.Unspecified && Enum.IsDefined(kind), "must be a known reminder kind");
        v.Check(f.ReminderKinds.Count == 0 || s.EventTypes.Contains(DeadlineReminder.Descriptor.FullName), "subscription.filter.reminder_kinds",
            $"filters reminders only, so the event types must include {DeadlineReminder.Descriptor.FullName}");
        var filterIsEmpty = f.ProgrammeAreaCodes.Count + f.CaseIds.Count + f.RecommendationIds.Count + f.RegionCodes.Count + f.ProcurementIds.Count == 0;
        v.Check(!(s.Channel == Channel.Email && filterIsEmpty), "subscription.filter",
            "must name at least one programme area, case, recommendation, region or procurement: an e-mail subscription may not match everything");
        if (v.Defined(s.Cadence, "subscription.cadence"))
        {
            v.Check(s.Cadence == Cadence.Immediate || s.Channel is Channel.Email or Channel.Unspecified, "subscription.cadence", "a digest is sent by e-mail only");
        }

        v.ThrowIfInvalid();
        return (id, s);
    }

    private static void Address(Validation v, Channel channel, string address, bool allowInsecureWebhooks)
    {
        const string Field = "subscription.address";
        switch (channel)
        {
            case Channel.Email:
                v.Check(IsEmail(address), Field, EmailProblem);
                break;
            case Channel.Webhook:
                if (!v.Check(address.Length <= 2000 && Uri.TryCreate(address, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0,
                        Field, "must be an absolute https URL without user info or fragment"))
                {
                    return;
                }

                v.Check(allowInsecureWebhooks || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase), Field,
                    "must use https (plain http is allowed only in the standalone host)");
                break;
            default:
                v.Check(address.Length == 0, Field, "must be empty for a feed");
                break;
        }
    }

    private static void EventTypes(Validation v, IList<string> types)
    {
        if (!v.Check(types.Count is > 0 and <= MaxValues, "subscription.event_types", $"must name 1–{MaxValues} event types, e.g. {RecommendationPublished.Descriptor.FullName}"))
        {
            return;
        }

        for (var i = 0; i < types.Count; i++)
        {
            v.Check(KnownEventTypes.Contains(types[i]), $"subscription.event_types[{i}]",
                $"'{types[i]}' is not an event type notifications are sent for; known: {string.Join(", ", KnownEventTypes.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>A bare address (no display name) on a domain with a dot, at most 254 characters.</summary>
    public static bool IsEmail(string address) =>
        address.Length <= 254 && MailAddress.TryCreate(address, out var mail) && mail.Address == address && mail.DisplayName.Length == 0
        && mail.Host.Contains('.', StringComparison.Ordinal);

    private static void Values<T>(Validation v, IList<T> values, string field, Func<T, bool> isValid, string problem)
    {
        if (!v.Check(values.Count <= MaxValues, field, $"must have at most {MaxValues} values"))
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            v.Check(isValid(values[i]), $"{field}[{i}]", problem);
        }
    }

    private static bool IsUuid(string value) => Guid.TryParse(value, out var id) && id != Guid.Empty;
}
