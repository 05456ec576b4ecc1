using Google.Protobuf.WellKnownTypes;
using Samverkan.Common.V1;

namespace Samverkan.Cases.Domain;

public static class AuditActorExtensions
{
    public static AuditInfo ToAudit(this AuditActor actor, DateTimeOffset at, string reason) => new()
    {
        Actor = new Actor { Subject = actor.Subject, Organisation = actor.Organisation, RegionCode = actor.RegionCode },
        Time = Timestamp.FromDateTimeOffset(at),
        Reason = reason,
    };

    public static AuditActor ToAuditActor(this Actor actor) => new()
    {
        Subject = actor.Subject,
        Organisation = actor.Organisation,
        RegionCode = actor.RegionCode,
    };
}
