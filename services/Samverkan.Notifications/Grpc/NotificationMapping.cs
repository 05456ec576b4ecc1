using Google.Protobuf.WellKnownTypes;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Grpc;

/// <summary>Records to contract messages.</summary>
internal static class NotificationMapping
{
    public const string Subscriptions = "subscriptions";
    public const string Deliveries = "deliveries";
    public const string RegionContacts = "regionContacts";

    public static string NameOf(SubscriptionRecord s) => $"{Subscriptions}/{s.Id:D}";

    public static Subscription ToProto(this SubscriptionRecord s) => new()
    {
        Name = NameOf(s),
        Channel = s.Channel,
        Address = s.Address,
        EventTypes = { s.EventTypes },
        Filter = new SubscriptionFilter
        {
            ProgrammeAreaCodes = { s.ProgrammeAreaCodes },
            CaseIds = { s.CaseIds },
            RecommendationIds = { s.RecommendationIds },
            RegionCodes = { s.RegionCodes },
            ProcurementIds = { s.ProcurementIds },
            ReminderKinds = { s.ReminderKinds },
        },
        Cadence = s.Cadence,
        Owner = s.Owner,
        CreateTime = Time(s.CreatedAt),
        UnsubscribeTime = s.UnsubscribedAt is { } at ? Time(at) : null,
        RegionContactDefault = s.RegionContactDefault,
    };

    public static RegionContact ToProto(this RegionContactRecord r) => new()
    {
        Name = $"{RegionContacts}/{r.Id:D}",
        RegionCode = r.RegionCode,
        Email = r.Email,
        Subject = r.Subject,
        DefaultSubscription = $"{Subscriptions}/{r.SubscriptionId:D}",
        CreateTime = Time(r.CreatedAt),
    };

    public static FeedItem ToProto(this FeedItemRecord i) => new()
    {
        Cursor = i.Cursor,
        EventId = i.EventId,
        EventType = i.EventType,
        Title = i.Title,
        Summary = i.Summary,
        CaseId = i.CaseId,
        OccurTime = Time(i.OccurredAt),
    };

    public static Delivery ToProto(this DeliveryRecord d) => new()
    {
        Name = $"{Deliveries}/{d.Id:D}",
        Subscription = $"{Subscriptions}/{d.SubscriptionId:D}",
        Channel = d.Channel,
        Recipient = d.Recipient,
        EventId = d.EventId,
        EventType = d.EventType,
        Title = d.FeedItem?.Title ?? string.Empty,
        Status = d.Status,
        Attempts = d.Attempts,
        LastError = d.LastError ?? string.Empty,
        CreateTime = Time(d.CreatedAt),
        NextAttemptTime = d.Status is DeliveryStatus.Pending or DeliveryStatus.Failed ? Time(d.NextAttemptAt) : null,
        SentTime = d.SentAt is { } sent ? Time(sent) : null,
    };

    public static Timestamp Time(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
