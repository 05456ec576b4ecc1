using System.Globalization;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Council.Grpc;

/// <summary>The council's resource names and etags, and how a request's are read.</summary>
internal static class CouncilNames
{
    public static string Member(Guid id) => $"members/{id}";

    public static string Meeting(Guid id) => $"meetings/{id}";

    public static string AgendaItem(Guid meetingId, Guid itemId) => $"meetings/{meetingId}/agendaItems/{itemId}";

    public static string Recommendation(Guid id, int version) => $"recommendations/{id}/versions/{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>meetings/{uuid}/agendaItems/{uuid}</c>.</summary>
    public static (Guid MeetingId, Guid ItemId) ParseAgendaItem(this Validation v, string? name, string field)
    {
        var parts = (name ?? string.Empty).Split('/');
        if (parts is ["meetings", var m, "agendaItems", var i] && Guid.TryParse(m, out var meetingId) && meetingId != Guid.Empty
            && Guid.TryParse(i, out var itemId) && itemId != Guid.Empty)
        {
            return (meetingId, itemId);
        }

        v.Add(field, "must be a resource name 'meetings/{uuid}/agendaItems/{uuid}'");
        return (Guid.Empty, Guid.Empty);
    }

    /// <summary>Parses <c>recommendations/{uuid}/versions/{n}</c>, or <c>recommendations/{uuid}</c> (version null) when allowed.</summary>
    public static (Guid Id, int? Version) ParseRecommendation(this Validation v, string? name, string field, bool versionRequired)
    {
        var parts = (name ?? string.Empty).Split('/');
        if (parts.Length >= 2 && parts[0] == "recommendations" && Guid.TryParse(parts[1], out var id) && id != Guid.Empty)
        {
            if (parts.Length == 2 && !versionRequired)
            {
                return (id, null);
            }

            if (parts is [_, _, "versions", var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
            {
                return (id, version);
            }
        }

        v.Add(field, versionRequired
            ? "must be a resource name 'recommendations/{uuid}/versions/{version}'"
            : "must be a resource name 'recommendations/{uuid}' or 'recommendations/{uuid}/versions/{version}'");
        return (Guid.Empty, null);
    }
}
