using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using MimeKit;

namespace Samverkan.Testing;

/// <summary>
/// A real SMTP server (OpenSMTPD from Debian's packages, tests/infra/smtp) that stores every message it accepts in one
/// Maildir; the tests read the messages back from there. The image comes from <c>SAMVERKAN_SMTP_IMAGE</c>.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Separator = "--samverkan-end-of-message--";

    private readonly IContainer _container = new ContainerBuilder(Environment.GetEnvironmentVariable("SAMVERKAN_SMTP_IMAGE") ?? "local/smtp:latest")
        .WithPortBinding(25, assignRandomHostPort: true)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilExternalTcpPortIsAvailable(25))
        .Build();

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server._container.StartAsync();
        return server;
    }

    /// <summary>The settings that point the notifications service at this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Smtp:Host"] = _container.Hostname,
        ["Notifications:Smtp:Port"] = _container.GetMappedPublicPort(25).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "Samverkan <noreply@samverkan.test>",
    };

    /// <summary>Every message in the Maildir addressed to <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string recipient)
    {
        var result = await _container.ExecAsync(["sh", "-c",
            $"for f in /var/mail/maildir/new/* /var/mail/maildir/cur/*; do [ -f \"$f\" ] && cat \"$f\" && printf '\\n{Separator}\\n'; done; true"]);
        return [.. result.Stdout.Split(Separator, StringSplitOptions.RemoveEmptyEntries)
            .Where(text => text.Trim().Length > 0)
            .Select(text => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text.TrimStart()))))
            .Where(message => message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))];
    }

    public async ValueTask DisposeAsync() => await _container.DisposeAsync();
}
