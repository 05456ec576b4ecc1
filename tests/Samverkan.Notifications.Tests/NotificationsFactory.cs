using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>
/// The notifications service in memory, receiving events through its Dapr subscription routes or its dispatcher.
/// Outgoing deliveries are held, so what the tests read in the delivery log is what fan-out stored.
/// </summary>
public sealed class NotificationsFactory() : ServiceFactory<Program>(new Dictionary<string, string?>
{
    ["EventBus:Kind"] = "Dapr",
    ["Notifications:Delivery:Enabled"] = "false",
});

/// <summary>The notifications service delivering for real: fast polls and retries, http webhooks allowed as in the standalone host.</summary>
public sealed class DeliveringFactory(IDictionary<string, string?> settings, string? dataDirectory = null)
    : ServiceFactory<Program>(Settings(settings), dataDirectory)
{
    private static Dictionary<string, string?> Settings(IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:AllowInsecureWebhooks"] = "true",
            ["Notifications:Delivery:PollInterval"] = "00:00:00.100",
            ["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Notifications:Delivery:MaxRetryDelay"] = "00:00:00.200",
            ["Notifications:Delivery:WebhookTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}
