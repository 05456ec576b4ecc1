using System.Net;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;

namespace Samverkan.Notifications.Http;

/// <summary>
/// The page behind the link in every e-mail. GET only asks (mail scanners follow links); POST, from the page's button or
/// a mail client's RFC 8058 one-click, unsubscribes. No login: the link's token is the authority, and it fits one subscription.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(UnsubscribeLinks.Path, async (Guid subscription, string token, NotificationsDbContext db, CancellationToken cancellationToken) =>
            await FindAsync(db, subscription, token, cancellationToken) is { } record
                ? Page(record.UnsubscribedAt is null
                    ? $"<p>Stop e-mails about {WebUtility.HtmlEncode(string.Join(", ", record.EventTypes.Select(t => t.Split('.')[^1])))} to {WebUtility.HtmlEncode(record.Address)}?</p>"
                      + $"<form method=\"post\" action=\"{UnsubscribeLinks.Path}?subscription={record.Id:D}&amp;token={WebUtility.HtmlEncode(token)}\"><button type=\"submit\">Unsubscribe</button></form>"
                    : "<p>You are unsubscribed.</p>")
                : Invalid()).AllowAnonymous();

        endpoints.MapPost(UnsubscribeLinks.Path, async (Guid subscription, string token, NotificationsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await FindAsync(db, subscription, token, cancellationToken) is not { } record)
            {
                return Invalid();
            }

            var audit = new AuditInfo
            {
                Actor = new Actor { Subject = record.Address, Organisation = "unsubscribe link" },
                Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
                Reason = "unsubscribed through the link in an e-mail",
            };
            await db.UnsubscribeAsync(record, audit, cancellationToken);
            return Page("<p>You are unsubscribed. No more e-mails will be sent for this subscription.</p>");
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<SubscriptionRecord?> FindAsync(NotificationsDbContext db, Guid id, string token, CancellationToken cancellationToken) =>
        await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } record && UnsubscribeLinks.IsValid(record, token)
            ? record
            : null;

    private static IResult Invalid() =>
        Results.Content(Html("<p>This unsubscribe link is not valid.</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Page(string body) => Results.Content(Html(body), "text/html; charset=utf-8");

    private static string Html(string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Samverkan notifications</title></head><body>{body}</body></html>";
}
