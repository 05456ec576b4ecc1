using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Sending;

/// <summary>Hands an e-mail to the configured SMTP server with MailKit; the attempt succeeds once the server accepts it.</summary>
public sealed class EmailSender(EmailMessages messages, IOptions<NotificationsOptions> options)
{
    public async Task SendAsync(SubscriptionRecord subscription, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var message = messages.Render(subscription, deliveries);
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
