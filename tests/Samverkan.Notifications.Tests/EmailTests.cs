using System.Net;
using System.Text.RegularExpressions;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>E-mail through a real SMTP server, checked in its Maildir: plain text and HTML, once, with a signed unsubscribe link.</summary>
public sealed partial class EmailTests(SmtpHost host) : IClassFixture<SmtpHost>
{
    private readonly NotificationService.NotificationServiceClient _client = host.Client;

    [Fact]
    public async Task A_subscriber_gets_exactly_one_e_mail_with_text_and_html_parts_and_another_programme_area_gets_none()
    {
        var anna = await _client.SubscribeAsync(Subscribers.Email("anna@halland.test", "endokrina-sjukdomar"), "anna");
        await _client.SubscribeAsync(Subscribers.Email("bertil@halland.test", "cancer"), "bertil");

        var published = Events.Published("endokrina-sjukdomar");
        var eventId = await host.Factory.DeliverAsync(published);
        await host.Factory.DeliverAsync(published, eventId);

        var delivery = await SentAsync(anna.Subscription.Name, "anna");
        var message = Assert.Single(await host.Smtp.MessagesToAsync("anna@halland.test"));
        Assert.Equal("Recommendation MTP-2026-007 published: Insulinpump X – can use", message.Subject);
        Assert.Equal($"{delivery.Name["deliveries/".Length..]}@samverkan.se", message.MessageId);
        Assert.Contains("Kan användas inom uppföljning.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>Recommendation MTP-2026-007 published: Insulinpump X – can use</h2>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(Link(message.TextBody), Link(WebUtility.HtmlDecode(message.HtmlBody)));
        Assert.Equal($"<{Link(message.TextBody)}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal(1, delivery.Attempts);
        Assert.Empty(await host.Smtp.MessagesToAsync("bertil@halland.test"));
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_on_GET_ends_the_subscription_on_POST_and_fits_no_other_subscription()
    {
        var cilla = await _client.SubscribeAsync(Subscribers.Email("cilla@halland.test", "ogon"), "cilla");
        var david = await _client.SubscribeAsync(Subscribers.Email("david@halland.test", "ogon"), "david");
        await host.Factory.DeliverAsync(Events.Published("ogon"));
        await SentAsync(cilla.Subscription.Name, "cilla");
        await SentAsync(david.Subscription.Name, "david");
        var cillasLink = new Uri(Link(Assert.Single(await host.Smtp.MessagesToAsync("cilla@halland.test")).TextBody));
        var davidsLink = new Uri(Link(Assert.Single(await host.Smtp.MessagesToAsync("david@halland.test")).TextBody));
        using var http = host.Factory.CreateClient();

        var davidsTokenOnCilla = $"{cillasLink.AbsolutePath}?subscription={Query(cillasLink, "subscription")}&token={Query(davidsLink, "token")}";
        var forged = $"{cillasLink.AbsolutePath}?subscription={Query(cillasLink, "subscription")}&token={Query(cillasLink, "token")[..^2]}AA";
        foreach (var bad in new[] { davidsTokenOnCilla, forged })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri(bad, UriKind.Relative), null)).StatusCode);
        }

        var page = await http.GetStringAsync(new Uri(cillasLink.PathAndQuery, UriKind.Relative));
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Null((await Subscription(cilla.Subscription.Name, "cilla")).UnsubscribeTime);

        var done = await http.PostAsync(new Uri(cillasLink.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.NotNull((await Subscription(cilla.Subscription.Name, "cilla")).UnsubscribeTime);
        Assert.Null((await Subscription(david.Subscription.Name, "david")).UnsubscribeTime);

        await host.Factory.DeliverAsync(Events.Published("ogon"));
        await Eventually.Until(() => host.Smtp.MessagesToAsync("david@halland.test"), m => m.Count == 2, what: "David's second e-mail");
        Assert.Single(await host.Smtp.MessagesToAsync("cilla@halland.test"));
    }

    [Fact]
    public async Task A_daily_digest_sends_the_day_s_notifications_in_one_e_mail_at_seven()
    {
        var subscription = Subscribers.Email("eva@halland.test", "tandvard");
        subscription.Cadence = Cadence.DailyDigest;
        var eva = await _client.SubscribeAsync(subscription, "eva");
        await host.Factory.DeliverAsync(Events.Published("tandvard", number: "MTP-2026-201"));
        await host.Factory.DeliverAsync(Events.Published("tandvard", number: "MTP-2026-202"));

        var pending = await _client.DeliveriesAsync(eva.Subscription.Name, "eva");
        Assert.All(pending, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        Assert.All(pending, d => Assert.Equal(7, TimeZoneInfo.ConvertTime(d.NextAttemptTime.ToDateTimeOffset(), ServiceDefaults.Hosting.SwedishTime.Zone).Hour));
        Assert.Empty(await host.Smtp.MessagesToAsync("eva@halland.test"));

        host.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Until(() => _client.DeliveriesAsync(eva.Subscription.Name, "eva"), d => d.All(x => x.Status == DeliveryStatus.Sent), what: "the digest");
        var digest = Assert.Single(await host.Smtp.MessagesToAsync("eva@halland.test"));
        Assert.StartsWith("Samverkan newsletter, ", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("MTP-2026-201", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("MTP-2026-202", digest.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_digest_subscriber_gets_the_week_s_newsletter_on_monday_and_a_subscriber_with_nothing_that_week_gets_none()
    {
        var newsletter = Subscribers.Email("gustav@halland.test", "psykiska-sjukdomar");
        newsletter.Cadence = Cadence.WeeklyDigest;
        newsletter.EventTypes.Add(CaseOpened.Descriptor.FullName);
        newsletter.EventTypes.Add(ProcurementStatusChanged.Descriptor.FullName);
        var gustav = await _client.SubscribeAsync(newsletter, "gustav");
        var quiet = Subscribers.Email("hanna@halland.test", "rorelseorganen");
        quiet.Cadence = Cadence.WeeklyDigest;
        await _client.SubscribeAsync(quiet, "hanna");

        await host.Factory.DeliverAsync(Events.Published("psykiska-sjukdomar", number: "MTP-2026-301"));
        var caseId = Guid.NewGuid().ToString();
        await host.Factory.DeliverAsync(new CaseOpened
        {
            CaseId = caseId,
            ProductDisplayName = "Ljusterapi <Pro>",
            Manufacturer = "Ljus & Co",
            ProgrammeAreaCodes = { "psykiska-sjukdomar" },
        });
        Assert.Empty(await host.Smtp.MessagesToAsync("gustav@halland.test"));

        host.Clock.Advance(TimeSpan.FromDays(8));
        await Eventually.Until(() => _client.DeliveriesAsync(gustav.Subscription.Name, "gustav"), d => d.Count == 2 && d.All(x => x.Status == DeliveryStatus.Sent),
            what: "the newsletter");
        var message = Assert.Single(await host.Smtp.MessagesToAsync("gustav@halland.test"));
        Assert.StartsWith("Samverkan newsletter, week ", message.Subject, StringComparison.Ordinal);
        foreach (var part in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("Published recommendations", part, StringComparison.Ordinal);
            Assert.Contains("New cases", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Procurement news", part, StringComparison.Ordinal);
            Assert.Contains("MTP-2026-301", part, StringComparison.Ordinal);
            Assert.Contains($"/cases/{caseId}", part, StringComparison.Ordinal);
        }

        Assert.Contains("New case: Ljusterapi <Pro> (Ljus & Co)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("New case: Ljusterapi &lt;Pro&gt; (Ljus &amp; Co)", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotEmpty(Link(message.TextBody));
        Assert.Equal(Link(message.TextBody), Link(WebUtility.HtmlDecode(message.HtmlBody)));
        Assert.Empty(await host.Smtp.MessagesToAsync("hanna@halland.test"));
    }

    [Fact]
    public async Task A_host_stopped_between_receiving_an_event_and_sending_loses_nothing_and_sends_nothing_twice()
    {
        var directory = Directory.CreateTempSubdirectory("samverkan-crash-").FullName;
        var settings = new Dictionary<string, string?>(host.Smtp.Settings) { ["Notifications:Delivery:Enabled"] = "false" };
        string subscriptionName;
        var published = Events.Published("nara-vard");
        await using (var receiving = new DeliveringFactory(settings, directory))
        {
            var client = new NotificationService.NotificationServiceClient(receiving.CreateGrpcChannel());
            subscriptionName = (await client.SubscribeAsync(Subscribers.Email("frida@halland.test", "nara-vard"), "frida")).Subscription.Name;
            await receiving.DeliverAsync(published, "crash-event-1");
        }

        Assert.Empty(await host.Smtp.MessagesToAsync("frida@halland.test"));
        settings["Notifications:Delivery:Enabled"] = "true";
        await using (var restarted = new DeliveringFactory(settings, directory))
        {
            var client = new NotificationService.NotificationServiceClient(restarted.CreateGrpcChannel());
            await Eventually.Until(() => client.DeliveriesAsync(subscriptionName, "frida"), d => d.Single().Status == DeliveryStatus.Sent, what: "the stored delivery sent");
            await restarted.DeliverAsync(published, "crash-event-1");
            Assert.Single(await client.DeliveriesAsync(subscriptionName, "frida"));
        }

        Assert.Single(await host.Smtp.MessagesToAsync("frida@halland.test"));
        Directory.Delete(directory, recursive: true);
    }

    private async Task<Delivery> SentAsync(string subscription, string subject) =>
        (await Eventually.Until(() => _client.DeliveriesAsync(subscription, subject), d => d.Count == 1 && d[0].Status == DeliveryStatus.Sent, what: "the e-mail sent")).Single();

    private async Task<Subscription> Subscription(string name, string subject) =>
        (await _client.GetSubscriptionAsync(new GetSubscriptionRequest { Name = name }, TestTokens.As(Roles.RegionContact, "13", subject))).Subscription;

    private static string Link(string? body) => UnsubscribeLink().Match(body ?? string.Empty).Value;

    private static string Query(Uri link, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)[name].ToString();

    [GeneratedRegex(@"https?://\S+/notifications/unsubscribe\?subscription=[0-9a-f-]+&token=[A-Za-z0-9_-]+")]
    private static partial Regex UnsubscribeLink();
}
