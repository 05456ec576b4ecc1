using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Sending;

/// <summary>Renders a subscriber's notifications as one e-mail, plain text and HTML, with the signed unsubscribe link.</summary>
public sealed class EmailMessages(UnsubscribeLinks links, Microsoft.Extensions.Options.IOptions<NotificationsOptions> options)
{
    public MimeMessage Render(SubscriptionRecord subscription, IReadOnlyList<DeliveryRecord> deliveries)
    {
        var items = deliveries.Select(d => d.FeedItem ?? throw new InvalidOperationException("The delivery's notification was not loaded.")).ToList();
        var unsubscribe = links.For(subscription);
        var subject = items.Count == 1
            ? items[0].Title
            : string.Create(CultureInfo.InvariantCulture, $"Samverkan: {items.Count} notifications");

        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        foreach (var item in items)
        {
            text.AppendLine(item.Title).AppendLine(item.Summary).AppendLine();
            html.Append("<h2>").Append(WebUtility.HtmlEncode(item.Title)).Append("</h2><p>")
                .Append(WebUtility.HtmlEncode(item.Summary).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        text.AppendLine("You receive this because you subscribed to notifications from Samverkan.")
            .Append("Unsubscribe: ").Append(unsubscribe.AbsoluteUri).AppendLine();
        html.Append("<p><small>You receive this because you subscribed to notifications from Samverkan. <a href=\"")
            .Append(WebUtility.HtmlEncode(unsubscribe.AbsoluteUri)).Append("\">Unsubscribe</a></small></p></body></html>");

        var message = new MimeMessage
        {
            Subject = subject,
            // The first delivery's id: a resent e-mail carries the same Message-ID, so mail systems can drop the copy.
            MessageId = $"{deliveries[0].Id:D}@samverkan.se",
            Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(options.Value.Smtp.From));
        message.To.Add(MailboxAddress.Parse(subscription.Address));
        // RFC 8058 one-click unsubscribe: mail clients POST to the link.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }
}
