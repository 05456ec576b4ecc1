using System.Globalization;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.Domain;
using Samverkan.Notifications.Sending;
using Samverkan.Notifications.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Notifications.Grpc;

/// <summary>The notifications contract: subscriptions, the delivery log and the feeds.</summary>
[Authorize]
public sealed class NotificationGrpcService(
    NotificationsDbContext db,
    ReferenceDataCatalog catalog,
    DeliveryDispatcher dispatcher,
    IOptions<NotificationsOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock) : NotificationService.NotificationServiceBase
{
    /// <summary>Everyone who works in the process may subscribe; operators read, never write, and the public site reads only.</summary>
    private const string Subscribers = $"{Roles.PreparationGroup},{Roles.CouncilSecretary},{Roles.CouncilMember},{Roles.ProcurementCoordinator},{Roles.RegionContact}";

    /// <summary>Region contact persons register themselves; operators keep the register of region contacts, which is operational data.</summary>
    private const string RegisterKeepers = $"{Roles.RegionContact},{Roles.Operator}";

    public override async Task<ListFeedItemsResponse> ListFeedItems(ListFeedItemsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 50, 500);
        v.Check(request.AfterCursor >= 0, "after_cursor", "must not be negative");
        v.ThrowIfInvalid();

        var items = await db.FeedItems.AsNoTracking()
            .Where(i => i.Cursor > request.AfterCursor)
            .OrderBy(i => i.Cursor)
            .Take(pageSize)
            .ToListAsync(context.CancellationToken);
        return new ListFeedItemsResponse { FeedItems = { items.Select(i => i.ToProto()) } };
    }

    [Authorize(Roles = Subscribers)]
    public override async Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var (id, s) = SubscriptionValidation.Validate(request, catalog, options.Value.AllowInsecureWebhooks);
        var caller = context.Caller();
        var owner = caller.FindFirstValue(ClaimNames.Subject) ?? string.Empty;
        if (await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, context.CancellationToken) is { } existing)
        {
            EnsureOwner(existing, caller);
            return new CreateSubscriptionResponse { Subscription = existing.ToProto(), WebhookSecret = existing.WebhookSecret ?? string.Empty };
        }

        var filter = s.Filter ?? new SubscriptionFilter();
        var record = new SubscriptionRecord
        {
            Id = id,
            Channel = s.Channel,
            Address = s.Address.Trim(),
            EventTypes = [.. s.EventTypes.Distinct()],
            ProgrammeAreaCodes = [.. filter.ProgrammeAreaCodes.Distinct()],
            CaseIds = [.. filter.CaseIds.Select(c => Guid.Parse(c).ToString("D")).Distinct()],
            RecommendationIds = [.. filter.RecommendationIds.Select(r => Guid.Parse(r).ToString("D")).Distinct()],
            RegionCodes = [.. filter.RegionCodes.Distinct()],
            ProcurementIds = [.. filter.ProcurementIds.Distinct()],
            ReminderKinds = [.. filter.ReminderKinds.Distinct()],
            Cadence = s.Cadence,
            Owner = owner,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UnsubscribeKey = UnsubscribeLinks.NewKey(),
            WebhookSecret = s.Channel == Channel.Webhook ? WebhookSignature.NewSecret() : null,
        };
        db.Subscriptions.Add(record);
        db.Audit(caller.Audit(clock, "subscribed"), NotificationMapping.NameOf(record), "subscription.created",
            $"{record.Channel} {record.Address} to {string.Join(", ", record.EventTypes)}");
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateSubscriptionResponse { Subscription = record.ToProto(), WebhookSecret = record.WebhookSecret ?? string.Empty };
    }

    public override async Task<GetSubscriptionResponse> GetSubscription(GetSubscriptionRequest request, ServerCallContext context)
    {
        var subscription = await FindAsync(request.Name, "name", context, readOnly: true);
        return new GetSubscriptionResponse { Subscription = subscription.ToProto() };
    }

    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var pageSize = v.PageSize(request.PageSize, 50, 200);
        var after = v.PageToken(request.PageToken, 1);
        var skip = 0;
        if (after is [var offset])
        {
            v.Check(int.TryParse(offset, CultureInfo.InvariantCulture, out skip) && skip > 0, "page_token", "is not a page token from a previous response");
        }

        v.ThrowIfInvalid();
        var caller = context.Caller();
        var query = db.Subscriptions.AsNoTracking();
        if (!caller.IsInRole(Roles.Operator))
        {
            var owner = caller.FindFirstValue(ClaimNames.Subject) ?? string.Empty;
            query = query.Where(s => s.Owner == owner);
        }

        // Subscriptions are never deleted and new ones sort last, so an offset is a stable position.
        var page = await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Skip(skip).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListSubscriptionsResponse { Subscriptions = { page.Take(pageSize).Select(s => s.ToProto()) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Paging.Encode((skip + pageSize).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task<UnsubscribeResponse> Unsubscribe(UnsubscribeRequest request, ServerCallContext context)
    {
        var subscription = await FindAsync(request.Name, "name", context, readOnly: false);
        await db.UnsubscribeAsync(subscription, context.Caller().Audit(clock, "unsubscribed through the API"), context.CancellationToken);
        return new UnsubscribeResponse { Subscription = subscription.ToProto() };
    }

    public override async Task<RotateWebhookSecretResponse> RotateWebhookSecret(RotateWebhookSecretRequest request, ServerCallContext context)
    {
        var subscription = await FindAsync(request.Name, "name", context, readOnly: false);
        if (subscription.Channel != Channel.Webhook || subscription.UnsubscribedAt is not null)
        {
            throw new FailedPreconditionException("NOT_AN_ACTIVE_WEBHOOK", request.Name, $"{request.Name} is not an active webhook subscription; only those have a signing secret.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        subscription.PreviousWebhookSecret = subscription.WebhookSecret;
        subscription.PreviousSecretExpiresAt = now + delivery.Value.SecretRotationOverlap;
        subscription.WebhookSecret = WebhookSignature.NewSecret();
        db.Audit(context.Caller().Audit(clock, "rotated the webhook secret"), request.Name, "subscription.secret-rotated");
        await db.SaveChangesAsync(context.CancellationToken);
        return new RotateWebhookSecretResponse
        {
            WebhookSecret = subscription.WebhookSecret,
            PreviousSecretExpireTime = NotificationMapping.Time(subscription.PreviousSecretExpiresAt.Value),
        };
    }

    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        DeliveryLog.ListAsync(db, request, context.Caller(), context.CancellationToken);

    public override async Task<RedeliverDeliveryResponse> RedeliverDelivery(RedeliverDeliveryRequest request, ServerCallContext context)
    {
        var v = new Validation();
        var id = v.ResourceId(request.Name, NotificationMapping.Deliveries, "name");
        v.ThrowIfInvalid();
        var record = await db.Deliveries.Include(d => d.FeedItem).SingleOrDefaultAsync(d => d.Id == id, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        var subscription = await db.Subscriptions.SingleAsync(s => s.Id == record.SubscriptionId, context.CancellationToken);
        EnsureOwner(subscription, context.Caller(), write: true);
        if (record.Status is not (DeliveryStatus.Failed or DeliveryStatus.DeadLettered) || subscription.UnsubscribedAt is not null)
        {
            throw new FailedPreconditionException("NOT_REDELIVERABLE", request.Name,
                $"{request.Name} is {Words.Of(record.Status)}{(subscription.UnsubscribedAt is null ? string.Empty : " and its subscription has ended")}; only a failed or dead-lettered delivery of an active subscription is redelivered.");
        }

        record.Status = DeliveryStatus.Pending;
        record.Attempts = 0;
        record.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        record.LockedUntil = null;
        db.Audit(context.Caller().Audit(clock, "redelivery requested"), request.Name, "delivery.redelivered", record.LastError ?? string.Empty);
        await db.SaveChangesAsync(context.CancellationToken);
        dispatcher.Wake();
        return new RedeliverDeliveryResponse { Delivery = record.ToProto() };
    }

    public override async Task WatchNotifications(WatchNotificationsRequest request, IServerStreamWriter<WatchNotificationsResponse> responseStream, ServerCallContext context)
    {
        var v = new Validation();
        v.Check(request.AfterCursor >= 0, "after_cursor", "must not be negative");
        var subscription = await FindAsync(request.Subscription, "subscription", context, readOnly: true, v);
        if (subscription.Channel != Channel.Feed)
        {
            throw new FailedPreconditionException("NOT_A_FEED", request.Subscription, $"{request.Subscription} is not a feed subscription; e-mail and webhooks are not watched.");
        }

        await FeedWatch.StreamAsync(db, dispatcher, subscription.Id, request.AfterCursor, responseStream, context.CancellationToken);
    }

    [Authorize(Roles = RegisterKeepers)]
    public override Task<RegisterRegionContactResponse> RegisterRegionContact(RegisterRegionContactRequest request, ServerCallContext context) =>
        Register.RegisterAsync(request, context.Caller(), context.CancellationToken);

    [Authorize(Roles = RegisterKeepers)]
    public override Task<ListRegionContactsResponse> ListRegionContacts(ListRegionContactsRequest request, ServerCallContext context) =>
        Register.ListAsync(request, context.Caller(), context.CancellationToken);

    [Authorize(Roles = RegisterKeepers)]
    public override Task<RemoveRegionContactResponse> RemoveRegionContact(RemoveRegionContactRequest request, ServerCallContext context) =>
        Register.RemoveAsync(request, context.Caller(), context.CancellationToken);

    private RegionContactRegister Register => new(db, catalog, clock);

    private async Task<SubscriptionRecord> FindAsync(string name, string field, ServerCallContext context, bool readOnly, Validation? v = null)
    {
        v ??= new Validation();
        var id = v.ResourceId(name, NotificationMapping.Subscriptions, field);
        v.ThrowIfInvalid();
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id, context.CancellationToken) ?? throw new NotFoundException(name);
        EnsureOwner(subscription, context.Caller(), write: !readOnly);
        return subscription;
    }

    private static void EnsureOwner(SubscriptionRecord subscription, ClaimsPrincipal caller, bool write = true)
    {
        if (subscription.Owner != caller.FindFirstValue(ClaimNames.Subject) && (write || !caller.IsInRole(Roles.Operator)))
        {
            throw new PermissionDeniedException("NOT_THE_OWNER", $"{NotificationMapping.NameOf(subscription)} belongs to someone else.");
        }
    }
}
