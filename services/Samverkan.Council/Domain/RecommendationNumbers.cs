using System.Globalization;

namespace Samverkan.Council.Domain;

/// <summary>The public numbers of recommendations: MTP-{year of first publication}-{sequence within the year, 3 digits}.</summary>
public static class RecommendationNumbers
{
    public static string Prefix(int year) => $"MTP-{year.ToString(CultureInfo.InvariantCulture)}-";

    /// <summary>The number after the highest one given out in <paramref name="year"/> (<paramref name="issued"/> all start with its prefix).</summary>
    public static string Next(int year, IEnumerable<string> issued)
    {
        var prefix = Prefix(year);
        var last = issued.Select(n => int.Parse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return prefix + (last + 1).ToString("000", CultureInfo.InvariantCulture);
    }
}
