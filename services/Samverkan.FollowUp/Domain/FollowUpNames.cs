namespace Samverkan.FollowUp.Domain;

/// <summary>Resource names: <c>recommendations/{recommendation_id}/followUps/{region_code}</c>.</summary>
public static class FollowUpNames
{
    public static string Format(Guid recommendationId, string regionCode) => $"recommendations/{recommendationId}/followUps/{regionCode}";

    /// <summary>Splits a name; false when it is not of the form above (the region code is not checked here).</summary>
    public static bool TryParse(string? name, out Guid recommendationId, out string regionCode)
    {
        recommendationId = Guid.Empty;
        regionCode = string.Empty;
        var parts = (name ?? string.Empty).Split('/');
        if (parts is not ["recommendations", var id, "followUps", var code] || !Guid.TryParse(id, out recommendationId) || recommendationId == Guid.Empty || code.Length == 0)
        {
            return false;
        }

        regionCode = code;
        return true;
    }
}
