using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// Hands an e-mail to the configured SMTP server with MailKit; the attempt succeeds once the server accepts it. A digest
/// subscriber's notifications go as one newsletter, anyone else's one e-mail each.
/// </summary>
public sealed class EmailSender(EmailMessages messages, Newsletter newsletter, IOptions<NotificationsOptions> options)
{
    public async Task SendAsync(SubscriptionRecord subscription, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var message = subscription.Cadence is Cadence.DailyDigest or Cadence.WeeklyDigest
            ? newsletter.Render(subscription, deliveries)
            : messages.Render(subscription, deliveries.Single());
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (smtp.UserName is { Length: > 0 })
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
