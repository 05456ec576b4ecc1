using Google.Protobuf.WellKnownTypes;
using Samverkan.Common.V1;

namespace Samverkan.Eventing.Audit;

/// <summary>
/// One change to a resource: who, when, what and why. Written in the same unit of work as the change, so the trail is
/// complete, and never updated or deleted: it is how a decision is traced back to its grounds and the people behind it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>The resource changed, e.g. <c>meetings/{id}</c>.</summary>
    public required string Resource { get; set; }

    /// <summary>What was done, dotted, e.g. <c>meeting.agenda-published</c>.</summary>
    public required string Action { get; set; }

    public string ActorSubject { get; set; } = string.Empty;

    public string ActorOrganisation { get; set; } = string.Empty;

    public string ActorRegion { get; set; } = string.Empty;

    public DateTime At { get; set; }

    /// <summary>Why, in the actor's own words.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>What changed, in brief, for people reading the trail.</summary>
    public string Details { get; set; } = string.Empty;

    public static AuditEntry From(AuditInfo audit, string resource, string action, string details) => new()
    {
        Resource = resource,
        Action = action,
        ActorSubject = audit.Actor?.Subject ?? string.Empty,
        ActorOrganisation = audit.Actor?.Organisation ?? string.Empty,
        ActorRegion = audit.Actor?.RegionCode ?? string.Empty,
        At = audit.Time?.ToDateTime() ?? DateTime.UtcNow,
        Reason = audit.Reason,
        Details = details,
    };

    public AuditRecord ToProto() => new()
    {
        Resource = Resource,
        Action = Action,
        Audit = new AuditInfo
        {
            Actor = new Actor { Subject = ActorSubject, Organisation = ActorOrganisation, RegionCode = ActorRegion },
            Time = Timestamp.FromDateTime(DateTime.SpecifyKind(At, DateTimeKind.Utc)),
            Reason = Reason,
        },
        Details = Details,
    };
}
