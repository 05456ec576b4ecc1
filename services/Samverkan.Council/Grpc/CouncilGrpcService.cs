using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Council.Data;
using Samverkan.Council.V1;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Council.Grpc;

/// <summary>
/// The council contract: validates every field, then reads and changes the council's records in one unit of work with
/// its audit entries, timers and outbox events. The parts are in the partial files by resource.
/// </summary>
[Authorize]
public sealed partial class CouncilGrpcService(CouncilDbContext db, ReferenceDataCatalog catalog, TimeProvider clock) : CouncilService.CouncilServiceBase
{
    /// <summary>Who works in the council and reads its drafts.</summary>
    private static readonly string[] CouncilRoles = [Roles.CouncilSecretary, Roles.CouncilMember, Roles.PreparationGroup];

    /// <summary>Who reads meetings and agendas: the council and operators.</summary>
    private const string MeetingReaders = $"{Roles.CouncilSecretary},{Roles.CouncilMember},{Roles.PreparationGroup},{Roles.Operator}";

    private static bool IsCouncil(ClaimsPrincipal caller) => CouncilRoles.Any(caller.IsInRole);

    private AuditInfo Audit(ServerCallContext context, string reason) => context.Caller().Audit(clock, reason);

    private Task<Dictionary<Guid, MemberRecord>> MembersByIdAsync(CancellationToken cancellationToken) =>
        db.Members.AsNoTracking().ToDictionaryAsync(m => m.MemberId, cancellationToken);
}
