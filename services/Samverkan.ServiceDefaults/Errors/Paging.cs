using System.Text;

namespace Samverkan.ServiceDefaults.Errors;

/// <summary>
/// AIP-158 pagination: page sizes and opaque page tokens. A token carries the sort key of the last item returned
/// (keyset pagination), so pages stay stable while rows are inserted concurrently.
/// </summary>
public static class Paging
{
    /// <summary>The page size to use: the default when 0, an error when negative or above the maximum.</summary>
    public static int PageSize(this Validation v, int requested, int defaultSize, int maxSize, string field = "page_size")
    {
        if (requested == 0)
        {
            return defaultSize;
        }

        v.Check(requested > 0 && requested <= maxSize, field, $"must be between 1 and {maxSize}");
        return Math.Clamp(requested, 1, maxSize);
    }

    /// <summary>Encodes the parts of a sort key as an opaque token.</summary>
    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The sort key in <paramref name="token"/>, or null for the first page; a malformed token is a field problem.</summary>
    public static string[]? PageToken(this Validation v, string? token, int parts, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
            if (decoded.Length == parts)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }

        v.Add(field, "is not a page token from a previous response");
        return null;
    }
}
