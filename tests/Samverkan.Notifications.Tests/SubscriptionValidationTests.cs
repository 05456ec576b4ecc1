using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>Bad subscriptions are refused with one field violation per bad field, and nothing is written.</summary>
public sealed class SubscriptionValidationTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationService.NotificationServiceClient _client = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_malformed_e_mail_an_unknown_event_type_an_unknown_code_and_a_digest_webhook_are_each_named()
    {
        var subject = NewSubject();
        var email = Subscribers.Email("anna.at.region.se", "endokrina-sjukdomar", "no-such-area");
        email.EventTypes.Add("samverkan.events.v1.NoSuchEvent");
        email.Filter.RegionCodes.Add("99");
        email.Filter.CaseIds.Add("not-a-uuid");

        var error = await Refused(email, subject, requestId: "not-a-uuid");

        Assert.Equal(["request_id", "subscription.address", "subscription.event_types[1]", "subscription.filter.case_ids[0]",
            "subscription.filter.programme_area_codes[1]", "subscription.filter.region_codes[0]"], Fields(error));
        await AssertNothingWrittenAsync(subject);
    }

    [Theory]
    [InlineData("Anna <anna@region.se>")]
    [InlineData("anna@localhost")]
    [InlineData("")]
    public async Task An_address_that_is_not_a_bare_e_mail_address_is_refused(string address)
    {
        var subject = NewSubject();
        var error = await Refused(Subscribers.Email(address, "cancer"), subject);
        Assert.Equal(["subscription.address"], Fields(error));
        await AssertNothingWrittenAsync(subject);
    }

    [Fact]
    public async Task A_person_s_subscription_that_would_match_everything_is_refused_a_system_s_is_not()
    {
        var subject = NewSubject();
        var error = await Refused(Subscribers.Email("anna@region.se"), subject);
        Assert.Equal(["subscription.filter"], Fields(error));
        Assert.Contains("may not match everything", error.FieldViolations().Single().Description, StringComparison.Ordinal);

        var webhook = await _client.SubscribeAsync(Subscribers.Webhook("https://it.region.se/hooks/samverkan"), subject);
        Assert.Equal(Channel.Webhook, webhook.Subscription.Channel);
        Assert.StartsWith("whsec_", webhook.WebhookSecret, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://it.region.se/hooks")]
    [InlineData("ftp://it.region.se/hooks")]
    [InlineData("https://user:secret@it.region.se/hooks")]
    [InlineData("/hooks")]
    public async Task A_webhook_url_must_be_absolute_https_without_user_info_outside_the_standalone_host(string url)
    {
        var subject = NewSubject();
        var error = await Refused(Subscribers.Webhook(url), subject);
        Assert.Equal(["subscription.address"], Fields(error));
        await AssertNothingWrittenAsync(subject);
    }

    [Fact]
    public async Task Channel_cadence_and_event_types_are_required_and_a_digest_is_for_e_mail_only()
    {
        var subject = NewSubject();
        var missing = await Refused(new Subscription(), subject);
        Assert.Equal(["subscription.cadence", "subscription.channel", "subscription.event_types"], Fields(missing));

        var digestHook = Subscribers.Webhook("https://it.region.se/hooks");
        digestHook.Cadence = Cadence.DailyDigest;
        Assert.Equal(["subscription.cadence"], Fields(await Refused(digestHook, subject)));

        var feedWithAddress = Subscribers.Feed("cancer");
        feedWithAddress.Address = "anna@region.se";
        Assert.Equal(["subscription.address"], Fields(await Refused(feedWithAddress, subject)));
        await AssertNothingWrittenAsync(subject);
    }

    [Fact]
    public async Task Operators_and_the_public_may_not_subscribe_and_a_token_is_required()
    {
        foreach (var role in new[] { Roles.Operator, Roles.Public })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => _client.SubscribeAsync(Subscribers.Email("anna@region.se", "cancer"), NewSubject(), role));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => _client.CreateSubscriptionAsync(new CreateSubscriptionRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_subscription_and_another_caller_may_not_claim_it()
    {
        var subject = NewSubject();
        var requestId = Guid.NewGuid().ToString();
        var first = await _client.SubscribeAsync(Subscribers.Webhook("https://it.region.se/hooks"), subject, requestId: requestId);
        var again = await _client.SubscribeAsync(Subscribers.Webhook("https://it.region.se/other"), subject, requestId: requestId);

        Assert.Equal(first.Subscription, again.Subscription);
        Assert.Equal(first.WebhookSecret, again.WebhookSecret);
        Assert.Equal($"subscriptions/{requestId}", first.Subscription.Name);
        var stranger = await Assert.ThrowsAsync<RpcException>(() => _client.SubscribeAsync(Subscribers.Webhook("https://x.se/h"), NewSubject(), requestId: requestId));
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        Assert.Single((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), TestTokens.As(Roles.RegionContact, "13", subject))).Subscriptions);
    }

    private async Task<RpcException> Refused(Subscription subscription, string subject, string? requestId = null)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubscribeAsync(subscription, subject, requestId: requestId));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    private static string[] Fields(RpcException error) => [.. error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal)];

    private async Task AssertNothingWrittenAsync(string subject) =>
        Assert.Empty((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), TestTokens.As(Roles.RegionContact, "13", subject))).Subscriptions);

    private static string NewSubject() => "person-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Every_event_type_a_subscriber_may_choose_is_one_the_service_raises()
    {
        Assert.Contains(RecommendationPublished.Descriptor.FullName, Grpc.SubscriptionValidation.KnownEventTypes);
        // Reminders are raised by the service itself, from timers; every other type arrives as an event.
        var handled = factory.Services.GetRequiredService<Eventing.EventDispatcher>().EventTypes.Append(DeadlineReminder.Descriptor.FullName).ToHashSet();
        Assert.Subset(handled, Grpc.SubscriptionValidation.KnownEventTypes.ToHashSet());
    }
}
