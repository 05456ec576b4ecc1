using System.Globalization;
using System.Net;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using MimeKit;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// The newsletter a digest subscriber receives instead of one e-mail per notification: the period's notifications in
/// sections — published recommendations, new cases, procurement news, then whatever else the subscriber chose — each
/// item with its title, summary and a link to the site, as HTML and plain text. An empty section is left out; a period
/// with nothing for the subscriber has no due deliveries, so no newsletter is sent for it.
/// </summary>
public sealed class Newsletter(EmailMessages messages, IOptions<NotificationsOptions> options)
{
    public const string Recommendations = "Published recommendations";
    public const string Cases = "New cases";
    public const string Procurement = "Procurement news";
    public const string Other = "Other notifications";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly (string Heading, string[] EventTypes)[] Sections =
    [
        (Recommendations, [RecommendationPublished.Descriptor.FullName, RecommendationRevised.Descriptor.FullName]),
        (Cases, [CaseOpened.Descriptor.FullName]),
        (Procurement, [ProcurementStatusChanged.Descriptor.FullName]),
    ];

    public MimeMessage Render(SubscriptionRecord subscription, IReadOnlyList<DeliveryRecord> deliveries)
    {
        var items = deliveries.Select(d => d.FeedItem ?? throw new InvalidOperationException("The delivery's notification was not loaded.")).ToList();
        var title = Title(subscription.Cadence, deliveries.Min(d => d.CreatedAt));
        var text = new StringBuilder().AppendLine(title).AppendLine(new string('=', title.Length)).AppendLine();
        var html = new StringBuilder("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        var sectioned = Sections.SelectMany(s => s.EventTypes).ToHashSet(StringComparer.Ordinal);
        foreach (var (heading, types) in Sections)
        {
            Write(text, html, heading, [.. items.Where(i => types.Contains(i.EventType, StringComparer.Ordinal))]);
        }

        Write(text, html, Other, [.. items.Where(i => !sectioned.Contains(i.EventType))]);
        return messages.Compose(subscription, deliveries, title, text, html);
    }

    /// <summary>"Samverkan newsletter, week 48 2026" or, daily, "Samverkan newsletter, 2 December 2026": the period the first notification fell in.</summary>
    public static string Title(Cadence cadence, DateTime firstCreatedAt)
    {
        var sendAt = DigestSchedule.NextSend(cadence, new DateTimeOffset(DateTime.SpecifyKind(firstCreatedAt, DateTimeKind.Utc)));
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sendAt, SwedishTime.Zone).DateTime).AddDays(cadence == Cadence.WeeklyDigest ? -7 : -1);
        return cadence == Cadence.WeeklyDigest
            ? string.Create(CultureInfo.InvariantCulture, $"Samverkan newsletter, week {ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue))} {ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}")
            : $"Samverkan newsletter, {start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
    }

    private void Write(StringBuilder text, StringBuilder html, string heading, List<FeedItemRecord> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.AppendLine(heading).AppendLine(new string('-', heading.Length)).AppendLine();
        html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>");
        foreach (var item in items)
        {
            var link = Link(item);
            text.AppendLine(item.Title);
            if (item.Summary.Length > 0)
            {
                text.AppendLine(item.Summary);
            }

            html.Append("<h3>");
            if (link is null)
            {
                html.Append(WebUtility.HtmlEncode(item.Title));
            }
            else
            {
                text.AppendLine(link.AbsoluteUri);
                html.Append("<a href=\"").Append(WebUtility.HtmlEncode(link.AbsoluteUri)).Append("\">").Append(WebUtility.HtmlEncode(item.Title)).Append("</a>");
            }

            text.AppendLine();
            html.Append("</h3><p>").Append(EmailMessages.Html(item.Summary)).Append("</p>");
        }
    }

    /// <summary>Where on the site the item is read: the recommendation, the procurement activity, else the case; none without an id.</summary>
    private Uri? Link(FeedItemRecord item)
    {
        var (collection, id) = item.EventType switch
        {
            _ when item.EventType == RecommendationPublished.Descriptor.FullName =>
                ("recommendations", Parser.Parse<RecommendationPublished>(item.DataJson).Recommendation?.RecommendationId),
            _ when item.EventType == RecommendationRevised.Descriptor.FullName =>
                ("recommendations", Parser.Parse<RecommendationRevised>(item.DataJson).Recommendation?.RecommendationId),
            _ when item.EventType == ProcurementStatusChanged.Descriptor.FullName =>
                ("procurements", Parser.Parse<ProcurementStatusChanged>(item.DataJson).ProcurementId),
            _ => ("cases", item.CaseId),
        };
        return string.IsNullOrEmpty(id) ? null : new Uri($"{options.Value.SiteUrl.TrimEnd('/')}/{collection}/{Uri.EscapeDataString(id)}");
    }
}
