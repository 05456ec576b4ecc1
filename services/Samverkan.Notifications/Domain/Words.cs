using System.Globalization;
using System.Text;

namespace Samverkan.Notifications.Domain;

/// <summary>Protobuf enum values and dates as people read them in a notification.</summary>
internal static class Words
{
    /// <summary><c>CaseState.InAssessment</c> → "in assessment" (the generated C# names already drop the enum's prefix).</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    public static string Of(Common.V1.Date? date) => date is null
        ? "(no date)"
        : string.Create(CultureInfo.InvariantCulture, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}");
}
