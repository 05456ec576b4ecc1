using System.Net;
using System.Text;
using MimeKit;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// Renders a notification as an e-mail, plain text and HTML, with the signed unsubscribe link; digests are rendered as
/// the <see cref="Newsletter"/> in the same envelope.
/// </summary>
public sealed class EmailMessages(UnsubscribeLinks links, Microsoft.Extensions.Options.IOptions<NotificationsOptions> options)
{
    private const string Why = "You receive this because you subscribed to notifications from Samverkan.";

    public MimeMessage Render(SubscriptionRecord subscription, DeliveryRecord delivery)
    {
        var item = delivery.FeedItem ?? throw new InvalidOperationException("The delivery's notification was not loaded.");
        var text = new StringBuilder().AppendLine(item.Title).AppendLine(item.Summary).AppendLine();
        var html = new StringBuilder("<h2>").Append(WebUtility.HtmlEncode(item.Title)).Append("</h2><p>")
            .Append(Html(item.Summary)).Append("</p>");
        return Compose(subscription, [delivery], item.Title, text, html);
    }

    /// <summary>
    /// The e-mail around a rendered body: sender, recipient, the unsubscribe footer in both parts and the RFC 8058
    /// headers. The first delivery's id is the Message-ID, so a resent e-mail carries the same one and mail systems can
    /// drop the copy.
    /// </summary>
    public MimeMessage Compose(SubscriptionRecord subscription, IReadOnlyList<DeliveryRecord> deliveries, string subject, StringBuilder text, StringBuilder html)
    {
        var unsubscribe = links.For(subscription);
        text.AppendLine(Why).Append("Unsubscribe: ").Append(unsubscribe.AbsoluteUri).AppendLine();
        html.Insert(0, "<!DOCTYPE html><html><body>")
            .Append("<p><small>").Append(Why).Append(" <a href=\"").Append(WebUtility.HtmlEncode(unsubscribe.AbsoluteUri))
            .Append("\">Unsubscribe</a></small></p></body></html>");

        var message = new MimeMessage
        {
            Subject = subject,
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

    /// <summary>Text for an HTML part: escaped, line breaks kept.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
