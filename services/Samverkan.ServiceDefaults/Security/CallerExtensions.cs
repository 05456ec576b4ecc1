using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.ServiceDefaults.Security;

/// <summary>Who is calling, as the audit trail records it.</summary>
public static class CallerExtensions
{
    public static ClaimsPrincipal Caller(this ServerCallContext context) => context.GetHttpContext().User;

    /// <summary>The audited actor: subject, organisation and region from the token.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new()
    {
        Subject = user.FindFirstValue(ClaimNames.Subject) ?? string.Empty,
        Organisation = user.FindFirstValue(ClaimNames.Organisation) ?? string.Empty,
        RegionCode = user.FindFirstValue(ClaimNames.Region) ?? string.Empty,
    };

    public static AuditInfo Audit(this ClaimsPrincipal user, TimeProvider clock, string reason) => new()
    {
        Actor = user.ToActor(),
        Time = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        Reason = reason,
    };

    /// <summary>
    /// Refuses a region contact acting for another region than the one in their token;
    /// other roles allowed by the method's policy act for any region. <paramref name="field"/>, when given, is the
    /// request field that names the region, reported as a field violation.
    /// </summary>
    public static void EnsureMayActForRegion(this ClaimsPrincipal user, string regionCode, string? field = null)
    {
        if (user.IsInRole(Roles.RegionContact)
            && !user.IsInRole(Roles.PreparationGroup)
            && user.FindFirstValue(ClaimNames.Region) != regionCode)
        {
            throw new PermissionDeniedException("REGION_MISMATCH",
                $"A contact person for region {user.FindFirstValue(ClaimNames.Region) ?? "(none)"} may not act for region {regionCode}.", field);
        }
    }
}
