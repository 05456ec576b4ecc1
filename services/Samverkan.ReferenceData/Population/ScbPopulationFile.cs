using System.Globalization;
using System.Text.RegularExpressions;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.ReferenceData.Population;

/// <summary>
/// Reads an export of SCB's table BE0101N1 ("Folkmängd efter region och år"): a header row naming the region column
/// and one column per year, then one row per region starting with its code ("13 Hallands län"). Title and footnote
/// lines around the table are ignored; so are the national total and municipalities (four-digit codes).
/// For each region the latest year with a figure counts, as of 31 December of that year.
/// </summary>
internal static partial class ScbPopulationFile
{
    public const string Field = "scb_csv";

    /// <summary>SCB's code for the whole country ("00 Riket").</summary>
    private const string NationalTotal = "00";

    public static IReadOnlyList<PopulationInfo> Parse(string text, string source, ReferenceDataCatalog catalog)
    {
        var v = new Validation();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var headerIndex = Array.FindIndex(lines, IsHeader);
        if (!v.Check(headerIndex >= 0, Field, "has no header row with a region column and year columns (e.g. \"region\",\"2023\",\"2024\")"))
        {
            v.ThrowIfInvalid();
        }

        var separator = SeparatorOf(lines[headerIndex]);
        var years = Cells(lines[headerIndex], separator).Skip(1).Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToArray();
        var figures = new List<PopulationInfo>();
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var cells = Cells(lines[i], separator);
            if (cells.Count == 0 || RegionRow().Match(cells[0]) is not { Success: true } match)
            {
                continue;
            }

            var code = match.Groups["code"].Value;
            if (code == NationalTotal)
            {
                continue;
            }

            var line = $"{Field} (line {i + 1})";
            if (!v.Check(catalog.FindRegion(code) is not null, line, $"region code '{code}' is not one of the 21 regions"))
            {
                continue;
            }

            var latest = Enumerable.Range(0, Math.Min(years.Length, cells.Count - 1))
                .Select(c => (Year: years[c], Value: cells[c + 1].Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal)))
                .Where(c => c.Value is not (".." or ""))
                .LastOrDefault();
            if (!v.Check(latest.Value is not null, line, $"region {code} has no figure"))
            {
                continue;
            }

            if (v.Check(long.TryParse(latest.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var inhabitants) && inhabitants > 0,
                line, $"'{latest.Value}' is not a population figure"))
            {
                figures.Add(new PopulationInfo(code, inhabitants, new DateOnly(latest.Year, 12, 31), source));
            }
        }

        v.Check(figures.Count > 0 || !v.IsValid, Field, "contains no region rows");
        v.Check(figures.Select(f => f.RegionCode).Distinct().Count() == figures.Count, Field, "names a region more than once");
        v.ThrowIfInvalid();
        return figures;
    }

    private static bool IsHeader(string line)
    {
        var separator = SeparatorOf(line);
        var cells = Cells(line, separator);
        return cells.Count >= 2
            && cells[0].Contains("region", StringComparison.OrdinalIgnoreCase)
            && cells.Skip(1).All(c => Year().IsMatch(c));
    }

    private static char SeparatorOf(string line) =>
        new[] { ',', ';', '\t' }.MaxBy(s => line.Count(c => c == s));

    private static List<string> Cells(string line, char separator) =>
        Csv.Parse(line, separator).FirstOrDefault()?.Select(c => c.Trim()).ToList() ?? [];

    [GeneratedRegex(@"^(?<code>\d{2})\s+\D")]
    private static partial Regex RegionRow();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex Year();
}
