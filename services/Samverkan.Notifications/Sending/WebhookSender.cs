using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Samverkan.Notifications.Data;

namespace Samverkan.Notifications.Sending;

/// <summary>
/// POSTs one notification as JSON, signed per Standard Webhooks. The webhook-id is the delivery's id, the same on every
/// retry, so a receiver de-duplicates on it. Anything but a 2xx answer within the timeout is a failed attempt.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "webhooks";

    public async Task SendAsync(SubscriptionRecord subscription, DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var item = delivery.FeedItem ?? throw new InvalidOperationException("The delivery's notification was not loaded.");
        var body = Body(item);
        var id = delivery.Id.ToString("D");
        // The signature's timestamp is the real time of the attempt: receivers compare it with their own clock.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signatures = new List<string> { WebhookSignature.Sign(subscription.WebhookSecret!, id, timestamp, body) };
        if (subscription.PreviousWebhookSecret is { } previous && subscription.PreviousSecretExpiresAt > DateTime.UtcNow)
        {
            signatures.Add(WebhookSignature.Sign(previous, id, timestamp, body));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Address)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', signatures));

        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    /// <summary>The Standard Webhooks payload shape: type, timestamp and data (the event, with its id and what people read).</summary>
    public static string Body(FeedItemRecord item) => new JsonObject
    {
        ["type"] = item.EventType,
        ["timestamp"] = DateTime.SpecifyKind(item.OccurredAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        ["data"] = new JsonObject
        {
            ["event_id"] = item.EventId,
            ["title"] = item.Title,
            ["summary"] = item.Summary,
            ["event"] = JsonNode.Parse(item.DataJson),
        },
    }.ToJsonString();
}
