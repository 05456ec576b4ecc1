using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Notifications.Grpc;

/// <summary>
/// The register of region contact persons and their default subscriptions. A region contact acts for themselves and the
/// region in their token only; an operator keeps the register for every region.
/// </summary>
internal sealed class RegionContactRegister(NotificationsDbContext db, ReferenceDataCatalog catalog, TimeProvider clock)
{
    /// <summary>What a default subscription is to: the follow-up deadline reminders and the overdue follow-ups.</summary>
    public static readonly string[] DefaultEventTypes = [DeadlineReminder.Descriptor.FullName, FollowUpOverdue.Descriptor.FullName];

    public async Task<RegisterRegionContactResponse> RegisterAsync(RegisterRegionContactRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var email = r.Email.Trim().ToLowerInvariant();
        RegionCode(v, r.RegionCode, "region_code", required: true);
        v.Check(SubscriptionValidation.IsEmail(email), "email", SubscriptionValidation.EmailProblem);
        var operating = caller.IsInRole(Roles.Operator);
        if (v.MaxLength(r.Subject, "subject", 200) && operating)
        {
            v.Check(r.Subject.Trim().Length > 0, "subject", "is required when an operator registers someone: the token subject of the person");
        }

        v.ThrowIfInvalid();
        var own = caller.FindFirstValue(ClaimNames.Subject) ?? string.Empty;
        var subject = operating ? r.Subject.Trim() : own;
        if (!operating)
        {
            caller.EnsureMayActForRegion(r.RegionCode);
            if (r.Subject.Length > 0 && r.Subject != own)
            {
                throw new PermissionDeniedException("NOT_YOURSELF", "A region contact person registers themselves only; an operator registers others.");
            }
        }

        var audit = caller.Audit(clock, "registered as region contact person");
        var contact = await db.RegionContacts.SingleOrDefaultAsync(c => c.RegionCode == r.RegionCode && c.Email == email, cancellationToken);
        if (contact is not null)
        {
            if (contact.Subject != subject)
            {
                throw new FailedPreconditionException("REGISTERED_FOR_SOMEONE_ELSE", NameOf(contact),
                    $"{email} is registered for region {contact.RegionCode} as someone else's address.");
            }

            var current = await db.Subscriptions.SingleAsync(s => s.Id == contact.SubscriptionId, cancellationToken);
            if (current.UnsubscribedAt is null || !r.Resubscribe)
            {
                // Idempotent: a repeated registration changes nothing, and an ended default stays ended unless asked.
                return new RegisterRegionContactResponse { RegionContact = contact.ToProto(), DefaultSubscription = current.ToProto() };
            }

            var renewed = DefaultSubscription(contact.RegionCode, email, subject);
            contact.SubscriptionId = renewed.Id;
            db.Audit(audit, NameOf(contact), "region-contact.resubscribed", NotificationMapping.NameOf(renewed));
            await db.SaveChangesAsync(cancellationToken);
            return new RegisterRegionContactResponse { RegionContact = contact.ToProto(), DefaultSubscription = renewed.ToProto() };
        }

        var subscription = DefaultSubscription(r.RegionCode, email, subject);
        contact = new RegionContactRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            RegionCode = r.RegionCode,
            Email = email,
            Subject = subject,
            SubscriptionId = subscription.Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RegionContacts.Add(contact);
        db.Audit(audit, NameOf(contact), "region-contact.registered", $"{email} for region {r.RegionCode}, {NotificationMapping.NameOf(subscription)}");
        await db.SaveChangesAsync(cancellationToken);
        return new RegisterRegionContactResponse { RegionContact = contact.ToProto(), DefaultSubscription = subscription.ToProto() };
    }

    public async Task<ListRegionContactsResponse> ListAsync(ListRegionContactsRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        RegionCode(v, r.RegionCode, "region_code", required: false);
        v.ThrowIfInvalid();
        var region = r.RegionCode;
        if (!caller.IsInRole(Roles.Operator))
        {
            region = region.Length > 0 ? region : caller.FindFirstValue(ClaimNames.Region) ?? string.Empty;
            caller.EnsureMayActForRegion(region);
        }

        var query = db.RegionContacts.AsNoTracking();
        if (region.Length > 0)
        {
            query = query.Where(c => c.RegionCode == region);
        }

        var contacts = await query.OrderBy(c => c.RegionCode).ThenBy(c => c.Email).ToListAsync(cancellationToken);
        return new ListRegionContactsResponse { RegionContacts = { contacts.Select(c => c.ToProto()) } };
    }

    public async Task<RemoveRegionContactResponse> RemoveAsync(RemoveRegionContactRequest r, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var id = v.ResourceId(r.Name, NotificationMapping.RegionContacts, "name");
        v.ThrowIfInvalid();
        var contact = await db.RegionContacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException(r.Name);
        if (!caller.IsInRole(Roles.Operator))
        {
            caller.EnsureMayActForRegion(contact.RegionCode);
            if (contact.Subject != caller.FindFirstValue(ClaimNames.Subject))
            {
                throw new PermissionDeniedException("NOT_YOURSELF", $"{r.Name} is another person's registration; an operator removes others.");
            }
        }

        var audit = caller.Audit(clock, "removed from the region contact register");
        db.RegionContacts.Remove(contact);
        db.Audit(audit, r.Name, "region-contact.removed", contact.Email);
        var subscription = await db.Subscriptions.SingleAsync(s => s.Id == contact.SubscriptionId, cancellationToken);
        // Ending an active default subscription saves the removal in its transaction; an ended one leaves it to this save.
        await db.UnsubscribeAsync(subscription, audit, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new RemoveRegionContactResponse { RegionContact = contact.ToProto() };
    }

    private SubscriptionRecord DefaultSubscription(string regionCode, string email, string subject)
    {
        var subscription = new SubscriptionRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Channel = Channel.Email,
            Address = email,
            EventTypes = [.. DefaultEventTypes],
            RegionCodes = [regionCode],
            ReminderKinds = [ReminderKind.FollowUpDeadline],
            Cadence = Cadence.Immediate,
            Owner = subject,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UnsubscribeKey = UnsubscribeLinks.NewKey(),
            RegionContactDefault = true,
        };
        db.Subscriptions.Add(subscription);
        return subscription;
    }

    private void RegionCode(Validation v, string code, string field, bool required)
    {
        if (code.Length == 0)
        {
            v.Check(!required, field, "is required");
            return;
        }

        v.Check(catalog.FindRegion(code) is not null, field, "is not a known two-digit region code");
    }

    private static string NameOf(RegionContactRecord c) => $"{NotificationMapping.RegionContacts}/{c.Id:D}";
}
