namespace Samverkan.Notifications;

/// <summary>The notifications service's settings (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Where people reach this service's pages (the unsubscribe link); the HTTP/1.1 endpoint or the ingress in front of it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5081";

    /// <summary>The public site where people read recommendations, cases and procurements; the newsletter's items link there.</summary>
    public string SiteUrl { get; set; } = "https://samverkan.se";

    /// <summary>Allows http:// webhook URLs, for the standalone host on a developer's machine; everywhere else webhooks are https only.</summary>
    public bool AllowInsecureWebhooks { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server e-mail is handed to.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Samverkan <noreply@samverkan.se>";
}
