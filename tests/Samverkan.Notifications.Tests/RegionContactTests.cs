using Grpc.Core;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>The register of region contact persons: who may register whom for which region, and the default subscription it makes.</summary>
public sealed class RegionContactTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private readonly NotificationService.NotificationServiceClient _client = new(factory.CreateGrpcChannel());

    [Fact]
    public async Task A_region_contact_registering_themselves_is_subscribed_by_default_to_the_region_s_follow_up_deadlines_once()
    {
        var subject = NewSubject();
        var first = await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "13", Email = $" {subject}@RegionHalland.se " }, Contact("13", subject));
        var again = await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "13", Email = $"{subject}@regionhalland.se" }, Contact("13", subject));

        Assert.Equal(first, again);
        Assert.Equal($"{subject}@regionhalland.se", first.RegionContact.Email);
        Assert.Equal(subject, first.RegionContact.Subject);
        Assert.Equal(first.DefaultSubscription.Name, first.RegionContact.DefaultSubscription);
        var s = first.DefaultSubscription;
        Assert.True(s.RegionContactDefault);
        Assert.Equal((Channel.Email, $"{subject}@regionhalland.se", Cadence.Immediate, subject), (s.Channel, s.Address, s.Cadence, s.Owner));
        Assert.Equal([DeadlineReminder.Descriptor.FullName, FollowUpOverdue.Descriptor.FullName], s.EventTypes);
        Assert.Equal(["13"], s.Filter.RegionCodes);
        Assert.Equal([ReminderKind.FollowUpDeadline], s.Filter.ReminderKinds);
        var own = await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), Contact("13", subject));
        Assert.Equal([s], own.Subscriptions);
    }

    [Fact]
    public async Task A_contact_person_may_not_register_for_another_region_nor_someone_else_and_other_roles_may_not_register()
    {
        var subject = NewSubject();
        var otherRegion = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(new RegisterRegionContactRequest { RegionCode = "14", Email = $"{subject}@vgregion.se" }, Contact("13", subject)));
        Assert.Equal(StatusCode.PermissionDenied, otherRegion.StatusCode);
        Assert.Contains("region 13 may not act for region 14", otherRegion.Status.Detail, StringComparison.Ordinal);

        var someoneElse = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(
            new RegisterRegionContactRequest { RegionCode = "13", Email = $"{subject}@regionhalland.se", Subject = "a-colleague" }, Contact("13", subject)));
        Assert.Equal(StatusCode.PermissionDenied, someoneElse.StatusCode);

        foreach (var role in new[] { Roles.PreparationGroup, Roles.CouncilSecretary, Roles.Public })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(
                new RegisterRegionContactRequest { RegionCode = "13", Email = $"{subject}@regionhalland.se", Subject = subject }, TestTokens.As(role, subject: subject)));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        Assert.DoesNotContain(await EmailsAsync(null), e => e.StartsWith(subject, StringComparison.Ordinal));
        Assert.Empty((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), Contact("13", subject))).Subscriptions);
    }

    [Fact]
    public async Task An_operator_registers_a_named_person_for_any_region_and_must_name_them()
    {
        var subject = NewSubject();
        var registered = await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "14", Email = $"{subject}@vgregion.se", Subject = subject }, Operator());
        Assert.Equal(("14", subject), (registered.RegionContact.RegionCode, registered.DefaultSubscription.Owner));
        Assert.Equal(["14"], registered.DefaultSubscription.Filter.RegionCodes);
        Assert.Single((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), Contact("14", subject))).Subscriptions);

        var unnamed = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(new RegisterRegionContactRequest { RegionCode = "14", Email = $"x{subject}@vgregion.se" }, Operator()));
        Assert.Equal(StatusCode.InvalidArgument, unnamed.StatusCode);
        Assert.Equal(["subject"], Fields(unnamed));
    }

    [Fact]
    public async Task An_unknown_region_and_a_malformed_e_mail_are_each_named_and_nothing_is_written()
    {
        var subject = NewSubject();
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(new RegisterRegionContactRequest { RegionCode = "99", Email = "anna.at.region.se" }, Contact("99", subject)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["email", "region_code"], Fields(error));

        var missing = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(new RegisterRegionContactRequest { Email = $"{subject}@regionhalland.se" }, Contact("13", subject)));
        Assert.Equal(["region_code"], Fields(missing));
        var unknownList = await Assert.ThrowsAsync<RpcException>(() => _client.ListRegionContactsAsync(new ListRegionContactsRequest { RegionCode = "1" }, Operator()).ResponseAsync);
        Assert.Equal(["region_code"], Fields(unknownList));

        Assert.DoesNotContain(await EmailsAsync(null), e => e.StartsWith(subject, StringComparison.Ordinal) || e == "anna.at.region.se");
        Assert.Empty((await _client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), Contact("13", subject))).Subscriptions);
    }

    [Fact]
    public async Task A_contact_person_lists_their_own_region_only_and_an_operator_any_region()
    {
        var anna = NewSubject();
        var bertil = NewSubject();
        await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "13", Email = $"{anna}@regionhalland.se" }, Contact("13", anna));
        await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "14", Email = $"{bertil}@vgregion.se" }, Contact("14", bertil));

        var halland = (await _client.ListRegionContactsAsync(new ListRegionContactsRequest(), Contact("13", anna))).RegionContacts;
        Assert.All(halland, c => Assert.Equal("13", c.RegionCode));
        Assert.Contains(halland, c => c.Subject == anna);
        var other = await Assert.ThrowsAsync<RpcException>(() => _client.ListRegionContactsAsync(new ListRegionContactsRequest { RegionCode = "14" }, Contact("13", anna)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);

        var all = await EmailsAsync(null);
        Assert.Contains($"{anna}@regionhalland.se", all);
        Assert.Contains($"{bertil}@vgregion.se", all);
        Assert.Equal([$"{bertil}@vgregion.se"], (await EmailsAsync("14")).Where(e => e.StartsWith(bertil, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_ended_default_stays_ended_on_re_registering_unless_resubscribe_is_asked()
    {
        var subject = NewSubject();
        var request = new RegisterRegionContactRequest { RegionCode = "13", Email = $"{subject}@regionhalland.se" };
        var first = await RegisterAsync(request, Contact("13", subject));
        await _client.UnsubscribeAsync(new UnsubscribeRequest { Name = first.DefaultSubscription.Name }, Contact("13", subject));

        var again = await RegisterAsync(request, Contact("13", subject));
        Assert.Equal(first.DefaultSubscription.Name, again.DefaultSubscription.Name);
        Assert.NotNull(again.DefaultSubscription.UnsubscribeTime);

        request.Resubscribe = true;
        var renewed = await RegisterAsync(request, Contact("13", subject));
        Assert.NotEqual(first.DefaultSubscription.Name, renewed.DefaultSubscription.Name);
        Assert.Null(renewed.DefaultSubscription.UnsubscribeTime);
        Assert.True(renewed.DefaultSubscription.RegionContactDefault);
        Assert.Equal((first.RegionContact.Name, renewed.DefaultSubscription.Name), (renewed.RegionContact.Name, renewed.RegionContact.DefaultSubscription));
        Assert.Equal(renewed, await RegisterAsync(request, Contact("13", subject)));
    }

    [Fact]
    public async Task Removing_a_registration_ends_its_default_subscription_and_only_the_person_or_an_operator_may()
    {
        var anna = NewSubject();
        var registered = await RegisterAsync(new RegisterRegionContactRequest { RegionCode = "13", Email = $"{anna}@regionhalland.se" }, Contact("13", anna));
        var remove = new RemoveRegionContactRequest { Name = registered.RegionContact.Name };

        var colleague = await Assert.ThrowsAsync<RpcException>(() => _client.RemoveRegionContactAsync(remove, Contact("13", NewSubject())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, colleague.StatusCode);
        var otherRegion = await Assert.ThrowsAsync<RpcException>(() => _client.RemoveRegionContactAsync(remove, Contact("14", anna)).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "REGION_MISMATCH"), (otherRegion.StatusCode, otherRegion.ErrorInfo()?.Reason));
        var badName = await Assert.ThrowsAsync<RpcException>(() => _client.RemoveRegionContactAsync(new RemoveRegionContactRequest { Name = "subscriptions/x" }, Operator()).ResponseAsync);
        Assert.Equal(["name"], Fields(badName));
        Assert.Contains($"{anna}@regionhalland.se", await EmailsAsync("13"));

        await _client.RemoveRegionContactAsync(remove, Contact("13", anna));

        Assert.DoesNotContain($"{anna}@regionhalland.se", await EmailsAsync("13"));
        var ended = await _client.GetSubscriptionAsync(new GetSubscriptionRequest { Name = registered.DefaultSubscription.Name }, Contact("13", anna));
        Assert.NotNull(ended.Subscription.UnsubscribeTime);
        var gone = await Assert.ThrowsAsync<RpcException>(() => _client.RemoveRegionContactAsync(remove, Operator()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_reminder_kind_filter_needs_the_reminder_event_type_and_known_kinds()
    {
        var subscription = Subscribers.Email("anna@regionhalland.se", "cancer");
        subscription.Filter.ReminderKinds.Add(ReminderKind.Unspecified);
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubscribeAsync(subscription, NewSubject()));
        Assert.Equal(["subscription.filter.reminder_kinds", "subscription.filter.reminder_kinds[0]"], Fields(error));
    }

    private async Task<RegisterRegionContactResponse> RegisterAsync(RegisterRegionContactRequest request, Metadata token) =>
        await _client.RegisterRegionContactAsync(request, token);

    private async Task<List<string>> EmailsAsync(string? region) =>
        [.. (await _client.ListRegionContactsAsync(new ListRegionContactsRequest { RegionCode = region ?? string.Empty }, Operator())).RegionContacts.Select(c => c.Email)];

    private static Metadata Contact(string region, string subject) => TestTokens.As(Roles.RegionContact, region, subject);

    private static Metadata Operator() => TestTokens.As(Roles.Operator, subject: "operator");

    private static string[] Fields(RpcException error) => [.. error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal)];

    private static string NewSubject() => "contact-" + Guid.NewGuid().ToString("N")[..8];
}
