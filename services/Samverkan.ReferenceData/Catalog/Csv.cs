using System.Text;

namespace Samverkan.ReferenceData.Catalog;

/// <summary>RFC 4180 CSV: comma-separated, double-quoted fields may hold commas, quotes ("") and line breaks.</summary>
internal static class Csv
{
    /// <summary>The rows of <paramref name="text"/> as field lists, header included; blank lines are skipped.</summary>
    public static IEnumerable<IReadOnlyList<string>> Parse(string text, char separator = ',')
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (EndRow(fields, field) is { } row)
                {
                    yield return row;
                }
            }
            else
            {
                field.Append(c);
            }
        }

        if (EndRow(fields, field) is { } last)
        {
            yield return last;
        }
    }

    private static List<string>? EndRow(List<string> fields, StringBuilder field)
    {
        fields.Add(field.ToString());
        field.Clear();
        var row = fields.All(string.IsNullOrWhiteSpace) ? null : new List<string>(fields);
        fields.Clear();
        return row;
    }

    /// <summary>The data rows of a file with a header, as dictionaries by column name.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Records(string text)
    {
        using var rows = Parse(text).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current.Select(h => h.Trim()).ToArray();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = i < row.Count ? row[i].Trim() : string.Empty;
            }

            yield return record;
        }
    }
}
