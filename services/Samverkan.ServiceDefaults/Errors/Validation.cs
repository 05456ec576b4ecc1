using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Samverkan.ServiceDefaults.Errors;

/// <summary>
/// Collects every bad field of a request before anything is written, so the caller gets one
/// <c>InvalidArgument</c> with a field violation per problem.
/// </summary>
public sealed class Validation
{
    private readonly List<FieldProblem> _problems = [];

    public bool IsValid => _problems.Count == 0;

    /// <summary>Records a problem unless <paramref name="condition"/> holds; returns the condition for follow-up checks.</summary>
    public bool Check(bool condition, string field, string description)
    {
        if (!condition)
        {
            _problems.Add(new FieldProblem(field, description));
        }

        return condition;
    }

    public bool Required(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(new FieldProblem(field, "is required"));
            return false;
        }

        return Check(value.Length <= maxLength, field, $"must be at most {maxLength} characters");
    }

    public bool MaxLength(string? value, string field, int maxLength) =>
        value is null || Check(value.Length <= maxLength, field, $"must be at most {maxLength} characters");

    public bool Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Check(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0 && Enum.IsDefined(value), field, "must be set to a known value");

    /// <summary>Parses a UUID field (ids and request ids); records a problem when it is missing or malformed.</summary>
    public Guid Uuid(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(new FieldProblem(field, "is required"));
            return Guid.Empty;
        }

        if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
        {
            _problems.Add(new FieldProblem(field, "must be a UUID"));
            return Guid.Empty;
        }

        return id;
    }

    /// <summary>Parses a resource name of the form <c>{collection}/{uuid}</c>.</summary>
    public Guid ResourceId(string? name, string collection, string field)
    {
        var prefix = collection + "/";
        if (string.IsNullOrWhiteSpace(name) || !name.StartsWith(prefix, StringComparison.Ordinal)
            || !Guid.TryParse(name.AsSpan(prefix.Length), out var id) || id == Guid.Empty)
        {
            _problems.Add(new FieldProblem(field, $"must be a resource name '{collection}/{{uuid}}'"));
            return Guid.Empty;
        }

        return id;
    }

    /// <summary>Checks a calendar date and converts it; an unset date is a problem only when <paramref name="required"/>.</summary>
    public DateOnly? Date(Common.V1.Date? date, string field, bool required)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            Check(!required, field, "is required");
            return null;
        }

        if (date.Year is < 1900 or > 2200 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            _problems.Add(new FieldProblem(field, "must be a valid calendar date"));
            return null;
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }

    public DateTimeOffset? Timestamp(Timestamp? timestamp, string field, bool required)
    {
        if (timestamp is null)
        {
            Check(!required, field, "is required");
            return null;
        }

        // The range protobuf defines for a Timestamp (0001-01-01 to 9999-12-31); outside it the conversion throws.
        if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            _problems.Add(new FieldProblem(field, "must be a timestamp between 0001-01-01 and 9999-12-31"));
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }

    public void Add(string field, string description) => _problems.Add(new FieldProblem(field, description));

    /// <summary>Throws <see cref="InvalidRequestException"/> with every recorded problem, if any.</summary>
    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidRequestException([.. _problems]);
        }
    }
}
