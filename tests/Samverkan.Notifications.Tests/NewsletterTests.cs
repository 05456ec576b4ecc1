using Google.Protobuf;
using Microsoft.Extensions.Options;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Tests;

/// <summary>The newsletter's rendering: its sections, both parts, escaping, links and the unsubscribe link.</summary>
public sealed class NewsletterTests
{
    private static readonly IOptions<NotificationsOptions> Options = Microsoft.Extensions.Options.Options.Create(
        new NotificationsOptions { PublicBaseUrl = "https://notiser.samverkan.test", SiteUrl = "https://samverkan.test/" });

    private readonly Newsletter _newsletter = new(new EmailMessages(new UnsubscribeLinks(Options), Options), Options);

    private readonly SubscriptionRecord _subscriber = new()
    {
        Id = Guid.NewGuid(),
        Channel = Channel.Email,
        Address = "anna@regionhalland.se",
        Cadence = Cadence.WeeklyDigest,
        Owner = "anna",
        UnsubscribeKey = UnsubscribeLinks.NewKey(),
    };

    [Fact]
    public void Each_section_lists_its_items_with_title_summary_and_link_in_both_parts_and_ends_with_the_unsubscribe_link()
    {
        var recommendation = Guid.NewGuid().ToString();
        var caseId = Guid.NewGuid().ToString();
        var published = Events.Published("cancer", recommendation);
        using var message = _newsletter.Render(_subscriber,
        [
            Delivery(new CaseOpened { CaseId = caseId }, "New case: Pump Y (Medi AB)", "Pump Y by Medi AB was registered.", caseId),
            Delivery(published, "Recommendation MTP-2026-007 published", "Can be used.\nRegions report by 2027-06-30."),
            Delivery(new ProcurementStatusChanged { ProcurementId = "dis-42" }, "DIS Diagnostik: published", "Open for applications."),
            Delivery(new FollowUpOverdue { CaseId = caseId }, "Region Halland has not decided on MTP-2026-007", "The deadline has passed.", caseId),
        ]);

        var text = message.TextBody ?? string.Empty;
        var html = message.HtmlBody ?? string.Empty;
        Assert.Equal(
            [Newsletter.Recommendations, Newsletter.Cases, Newsletter.Procurement, Newsletter.Other],
            new[] { Newsletter.Recommendations, Newsletter.Cases, Newsletter.Procurement, Newsletter.Other }.OrderBy(h => text.IndexOf(h, StringComparison.Ordinal)));
        foreach (var heading in new[] { Newsletter.Recommendations, Newsletter.Cases, Newsletter.Procurement, Newsletter.Other })
        {
            Assert.Contains($"<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains($"Recommendation MTP-2026-007 published\nCan be used.\nRegions report by 2027-06-30.\nhttps://samverkan.test/recommendations/{recommendation}\n",
            text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"<h3><a href=\"https://samverkan.test/recommendations/{recommendation}\">Recommendation MTP-2026-007 published</a></h3><p>Can be used.<br>Regions report by 2027-06-30.</p>",
            html, StringComparison.Ordinal);
        Assert.Contains($"https://samverkan.test/cases/{caseId}", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://samverkan.test/procurements/dis-42\">DIS Diagnostik: published</a>", html, StringComparison.Ordinal);
        var unsubscribe = new UnsubscribeLinks(Options).For(_subscriber).AbsoluteUri;
        Assert.Contains($"Unsubscribe: {unsubscribe}", text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{System.Net.WebUtility.HtmlEncode(unsubscribe)}\">Unsubscribe</a>", html, StringComparison.Ordinal);
        Assert.Equal($"<{unsubscribe}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal(message.Subject, text.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    [Fact]
    public void An_empty_section_is_left_out_and_titles_and_summaries_are_escaped_in_html_only()
    {
        using var message = _newsletter.Render(_subscriber,
        [
            Delivery(new CaseOpened(), "New case: <script>alert(1)</script> & \"Co\"", "Pump <b>Z</b> & co", string.Empty),
        ]);

        Assert.Contains("<h3>New case: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</h3><p>Pump &lt;b&gt;Z&lt;/b&gt; &amp; co</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("New case: <script>alert(1)</script> & \"Co\"\nPump <b>Z</b> & co\n", (message.TextBody ?? string.Empty).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        foreach (var absent in new[] { Newsletter.Recommendations, Newsletter.Procurement, Newsletter.Other })
        {
            Assert.DoesNotContain(absent, message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(absent, message.HtmlBody, StringComparison.Ordinal);
        }

        // Without a case id there is nothing on the site to link to.
        Assert.DoesNotContain("https://samverkan.test/", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00Z", Cadence.WeeklyDigest, "Samverkan newsletter, week 48 2026")]
    [InlineData("2026-11-30T05:59:00Z", Cadence.WeeklyDigest, "Samverkan newsletter, week 48 2026")]
    [InlineData("2026-11-30T06:01:00Z", Cadence.WeeklyDigest, "Samverkan newsletter, week 49 2026")]
    [InlineData("2026-12-02T10:00:00Z", Cadence.DailyDigest, "Samverkan newsletter, 2 December 2026")]
    public void The_subject_names_the_period_the_notifications_fell_in(string createdAt, Cadence cadence, string subject) =>
        Assert.Equal(subject, Newsletter.Title(cadence, DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime));

    private static DeliveryRecord Delivery(IMessage payload, string title, string summary, string caseId = "") => new()
    {
        Id = Guid.NewGuid(),
        EventId = Guid.NewGuid().ToString(),
        EventType = payload.Descriptor.FullName,
        Channel = Channel.Email,
        CreatedAt = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
        FeedItem = new FeedItemRecord
        {
            EventId = Guid.NewGuid().ToString(),
            EventType = payload.Descriptor.FullName,
            Title = title,
            Summary = summary,
            CaseId = caseId,
            DataJson = JsonFormatter.Default.Format(payload),
        },
    };
}
