using System.Text.Json;

namespace Samverkan.Council.Domain;

/// <summary>How values are kept in columns that behave the same on SQLite and PostgreSQL.</summary>
public static class Stored
{
    /// <summary>PostgreSQL keeps microseconds; storing only those makes a value read back equal to the one written.</summary>
    public static DateTime Time(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>Codes or ids as <c>|a|b|</c>, so "contains" is one LIKE.</summary>
    public static string Codes(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        return list.Count == 0 ? string.Empty : "|" + string.Join('|', list) + "|";
    }

    public static string[] Codes(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Texts(IEnumerable<string> texts) => JsonSerializer.Serialize(texts.ToArray());

    public static string[] Texts(string stored) => JsonSerializer.Deserialize<string[]>(stored) ?? [];
}
