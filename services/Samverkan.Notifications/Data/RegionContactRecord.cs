namespace Samverkan.Notifications.Data;

/// <summary>
/// A region contact person on the register: nothing in the other services' events carries their addresses, so the
/// register is where their default subscription to the region's follow-up deadlines comes from.
/// </summary>
public sealed class RegionContactRecord
{
    public Guid Id { get; set; }

    public required string RegionCode { get; set; }

    /// <summary>The e-mail address in lower case, so one address has one registration per region.</summary>
    public required string Email { get; set; }

    /// <summary>The person's token subject: the owner of the default subscription.</summary>
    public required string Subject { get; set; }

    /// <summary>The latest default subscription, which the person may have ended.</summary>
    public Guid SubscriptionId { get; set; }

    public DateTime CreatedAt { get; set; }
}
