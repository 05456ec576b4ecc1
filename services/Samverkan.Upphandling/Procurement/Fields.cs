using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.Upphandling.Domain;

namespace Samverkan.Upphandling.Procurement;

/// <summary>Checks of the fields procurement requests share; each bad value is one field problem.</summary>
internal static class Fields
{
    public const int GroundsLength = 4000;

    /// <summary>The organisation number in canonical form, or a problem naming the rule it breaks.</summary>
    public static string OrganisationNumber(this Validation v, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, "is required");
            return string.Empty;
        }

        var canonical = Domain.OrganisationNumber.Normalise(value);
        v.Check(canonical is not null, field, "must be a Swedish organisation number NNNNNN-NNNN with a correct check digit (Luhn)");
        return canonical ?? string.Empty;
    }

    /// <summary>Region codes known to the reference data, without repeats.</summary>
    public static List<string> RegionCodes(this Validation v, ReferenceDataCatalog catalog, IReadOnlyList<string> codes, string field, bool atLeastOne)
    {
        v.Check(!atLeastOne || codes.Count > 0, field, "must name at least one participating region");
        for (var i = 0; i < codes.Count; i++)
        {
            if (catalog.FindRegion(codes[i]) is null)
            {
                v.Add($"{field}[{i}]", $"'{codes[i]}' is not a region code");
            }
            else if (codes.Take(i).Contains(codes[i]))
            {
                v.Add($"{field}[{i}]", $"'{codes[i]}' is given twice");
            }
        }

        return [.. codes.Distinct()];
    }

    /// <summary>UUIDs of a repeated id field, each checked.</summary>
    public static List<Guid> Uuids(this Validation v, IReadOnlyList<string> ids, string field)
    {
        var parsed = new List<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = v.Uuid(ids[i], $"{field}[{i}]");
            if (id != Guid.Empty && !parsed.Contains(id))
            {
                parsed.Add(id);
            }
        }

        return parsed;
    }

    /// <summary>An amount in whole SEK.</summary>
    public static long Sek(this Validation v, Common.V1.Money? money, string field)
    {
        if (money is null)
        {
            v.Add(field, "is required");
            return 0;
        }

        var valid = v.Check(money.CurrencyCode == "SEK", field + ".currency_code", "must be SEK")
            & v.Check(money.Units >= 0 && money.Nanos == 0, field, "must be a non-negative amount in whole SEK");
        return valid ? money.Units : 0;
    }

    public static Common.V1.Date ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Swedish calendar day of an instant.</summary>
    public static DateOnly SwedishDate(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ServiceDefaults.Hosting.SwedishTime.Zone).DateTime);

    public static DateOnly SwedishDate(DateTime utc) => SwedishDate(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>
    /// The due date of a qualification decision (8 kap. LOU): 10 working days after the day of receipt, 15 when extended
    /// for the application. While the system is being set up, before its first invitation to tender (call-off), the first
    /// assessment may take longer; following Adda's practice of a first application window (30 days after publication
    /// unless the system says otherwise), an application recorded before the first call-off is counted from the later of
    /// its receipt and the window's last day, so everyone applying in the window is assessed together after it.
    /// <paramref name="setUpWindowEnd"/> is null once the first call-off has ended the set-up phase
    /// (<see cref="Qualification.EndSetUpPhaseAsync"/>).
    /// SetUpPhase says the window gave a later day than the normal rule.
    /// </summary>
    public static (DateOnly DueDate, bool SetUpPhase) QualificationDueDate(DateTime receivedUtc, bool extended, DateOnly? setUpWindowEnd)
    {
        var received = SwedishDate(receivedUtc);
        var days = extended ? 15 : 10;
        var normal = SwedishCalendar.AddWorkingDays(received, days);
        if (setUpWindowEnd is { } end && SwedishCalendar.AddWorkingDays(end, days) is var setUp && setUp > normal)
        {
            return (setUp, true);
        }

        return (normal, false);
    }
}
