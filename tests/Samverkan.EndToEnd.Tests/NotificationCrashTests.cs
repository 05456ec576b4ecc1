using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Events.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// The standalone host killed between receiving an event and sending its e-mail: after the restart the e-mail goes out,
/// exactly once, checked at a real SMTP server.
/// </summary>
public sealed class NotificationCrashTests : IAsyncLifetime
{
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-");
    private SmtpServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_host_killed_before_sending_sends_the_stored_e_mail_once_after_its_restart()
    {
        var environment = _smtp.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Notifications__Delivery__Enabled"] = "false";
        string subscription;
        var subscriber = TestTokens.As(Roles.RegionContact, "13", "crash-reader");
        await using (var host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, environment))
        {
            var notifications = new NotificationService.NotificationServiceClient(host.CreateGrpcChannel());
            subscription = (await notifications.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Subscription = new Subscription
                {
                    Channel = Channel.Email,
                    Address = "crash-reader@e2e.test",
                    EventTypes = { CaseOpened.Descriptor.FullName },
                    Filter = new SubscriptionFilter { ProgrammeAreaCodes = { "endokrina-sjukdomar" } },
                    Cadence = Cadence.Immediate,
                },
            }, subscriber)).Subscription.Name;
            await new CaseService.CaseServiceClient(host.CreateGrpcChannel())
                .RegisterProductAsync(Products.Registration("Insulinpump Krasch"), TestTokens.As(Roles.PreparationGroup));
            await Eventually.Until(() => Deliveries(notifications, subscription, subscriber), d => d.Count == 1, what: "the stored delivery");
            await host.CrashAsync();
        }

        Assert.Empty(await _smtp.MessagesToAsync("crash-reader@e2e.test"));
        environment["Notifications__Delivery__Enabled"] = "true";
        await using (var restarted = await StandaloneProcess.StartAsync(_workingDirectory.FullName, environment))
        {
            var notifications = new NotificationService.NotificationServiceClient(restarted.CreateGrpcChannel());
            var sent = await Eventually.Until(() => Deliveries(notifications, subscription, subscriber), d => d.Single().Status == DeliveryStatus.Sent, what: "the e-mail sent");
            Assert.Equal(1, sent.Single().Attempts);
        }

        var message = Assert.Single(await _smtp.MessagesToAsync("crash-reader@e2e.test"));
        Assert.Equal("New case: Insulinpump Krasch (Acme Medical AB)", message.Subject);
    }

    private static async Task<IReadOnlyList<Delivery>> Deliveries(NotificationService.NotificationServiceClient client, string subscription, Metadata token) =>
        (await client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, token)).Deliveries;
}
