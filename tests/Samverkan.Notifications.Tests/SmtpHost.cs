using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Notifications.V1;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>The SMTP server and a notifications service sending to it, on a clock the tests move (for digests).</summary>
public sealed class SmtpHost : IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;

    public DeliveringFactory Factory { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public NotificationService.NotificationServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Factory = new DeliveringFactory(Smtp.Settings) { TestServices = services => services.AddSingleton<TimeProvider>(Clock) };
        Client = new NotificationService.NotificationServiceClient(Factory.CreateGrpcChannel());
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
