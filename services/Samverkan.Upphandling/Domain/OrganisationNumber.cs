namespace Samverkan.Upphandling.Domain;

/// <summary>
/// A Swedish organisation number (organisationsnummer), NNNNNN-NNNN: ten digits whose last is the Luhn check digit of
/// the first nine. Sole traders use their personal identity number, which has the same form and check.
/// </summary>
public static class OrganisationNumber
{
    /// <summary>
    /// The number in its canonical form NNNNNN-NNNN, or null when <paramref name="value"/> is not ten digits
    /// (optionally with the hyphen after the sixth) with a correct check digit.
    /// </summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length == 11 && text[6] == '-')
        {
            text = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
        }

        if (text.Length != 10 || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        return CheckDigit(text.AsSpan(0, 9)) == text[9] - '0' ? $"{text[..6]}-{text[6..]}" : null;
    }

    /// <summary>The Luhn check digit of nine digits: weights 2, 1, 2, … from the left, digit sums of the products.</summary>
    public static int CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var product = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += (product / 10) + (product % 10);
        }

        return (10 - (sum % 10)) % 10;
    }
}
