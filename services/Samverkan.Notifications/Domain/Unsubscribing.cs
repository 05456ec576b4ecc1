using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;

namespace Samverkan.Notifications.Domain;

/// <summary>Ends a subscription through the API or its e-mail link: in one transaction, its undelivered notifications are cancelled.</summary>
public static class Unsubscribing
{
    public static async Task UnsubscribeAsync(this NotificationsDbContext db, SubscriptionRecord subscription, AuditInfo audit, CancellationToken cancellationToken)
    {
        if (subscription.UnsubscribedAt is not null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        subscription.UnsubscribedAt = audit.Time.ToDateTime();
        db.Audit(audit, $"subscriptions/{subscription.Id:D}", "subscription.unsubscribed");
        await db.SaveChangesAsync(cancellationToken);
        await db.Deliveries
            .Where(d => d.SubscriptionId == subscription.Id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Failed))
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryStatus.Cancelled), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
