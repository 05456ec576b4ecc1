using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>Step helpers: subscribing as a named person or system.</summary>
internal static class Subscribers
{
    public static Subscription Email(string address, params string[] programmeAreas) => new()
    {
        Channel = Channel.Email,
        Address = address,
        EventTypes = { RecommendationPublished.Descriptor.FullName },
        Filter = new SubscriptionFilter { ProgrammeAreaCodes = { programmeAreas } },
        Cadence = Cadence.Immediate,
    };

    public static Subscription Webhook(string url, params string[] programmeAreas) => new()
    {
        Channel = Channel.Webhook,
        Address = url,
        EventTypes = { RecommendationPublished.Descriptor.FullName },
        Filter = new SubscriptionFilter { ProgrammeAreaCodes = { programmeAreas } },
        Cadence = Cadence.Immediate,
    };

    public static Subscription Feed(params string[] programmeAreas) => new()
    {
        Channel = Channel.Feed,
        EventTypes = { RecommendationPublished.Descriptor.FullName },
        Filter = new SubscriptionFilter { ProgrammeAreaCodes = { programmeAreas } },
        Cadence = Cadence.Immediate,
    };

    public static async Task<CreateSubscriptionResponse> SubscribeAsync(this NotificationService.NotificationServiceClient client, Subscription subscription,
        string subject, string role = Roles.RegionContact, string? requestId = null) =>
        await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { RequestId = requestId ?? Guid.NewGuid().ToString(), Subscription = subscription },
            TestTokens.As(role, role == Roles.RegionContact ? "13" : null, subject));

    public static async Task<IReadOnlyList<Delivery>> DeliveriesAsync(this NotificationService.NotificationServiceClient client, string subscription, string subject) =>
        (await client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, TestTokens.As(Roles.RegionContact, "13", subject))).Deliveries;
}
