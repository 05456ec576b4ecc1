using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// The link in every e-mail that ends its subscription without a login. The token is an HMAC of the subscription's id
/// under a key only that subscription has, so it cannot be forged nor used on another subscription.
/// </summary>
public sealed class UnsubscribeLinks(Microsoft.Extensions.Options.IOptions<NotificationsOptions> options)
{
    public const string Path = "/notifications/unsubscribe";

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Uri For(SubscriptionRecord subscription) =>
        new($"{options.Value.PublicBaseUrl.TrimEnd('/')}{Path}?subscription={subscription.Id}&token={Token(subscription)}");

    public static string Token(SubscriptionRecord subscription) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Convert.FromBase64String(subscription.UnsubscribeKey),
            Encoding.UTF8.GetBytes("unsubscribe\n" + subscription.Id.ToString("D"))));

    public static bool IsValid(SubscriptionRecord subscription, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(subscription)), Encoding.ASCII.GetBytes(token));
}
