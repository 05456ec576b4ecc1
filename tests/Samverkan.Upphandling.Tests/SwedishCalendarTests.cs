using Samverkan.Upphandling.Domain;

namespace Samverkan.Upphandling.Tests;

/// <summary>The working-day calendar against dates worked out by hand from the almanac.</summary>
public sealed class SwedishCalendarTests
{
    [Theory]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_is_computed(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SwedishCalendar.EasterSunday(year));

    [Fact]
    public void The_public_holidays_of_2025() => Assert.Equal(
        ["2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-08",
            "2025-06-06", "2025-06-21", "2025-11-01", "2025-12-25", "2025-12-26"],
        SwedishCalendar.PublicHolidays(2025).Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-24", "2026-06-20", "2026-10-31")]
    [InlineData(2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-16", "2027-06-26", "2027-11-06")]
    [InlineData(2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-19", "2024-06-22", "2024-11-02")]
    public void The_moving_holidays(int year, string goodFriday, string easterMonday, string ascension, string pentecost, string midsummerDay, string allSaints)
    {
        var holidays = SwedishCalendar.PublicHolidays(year).ToDictionary(h => h.Name, h => h.Date);
        Assert.Equal(DateOnly.Parse(goodFriday, System.Globalization.CultureInfo.InvariantCulture), holidays["Långfredagen"]);
        Assert.Equal(DateOnly.Parse(easterMonday, System.Globalization.CultureInfo.InvariantCulture), holidays["Annandag påsk"]);
        Assert.Equal(DateOnly.Parse(ascension, System.Globalization.CultureInfo.InvariantCulture), holidays["Kristi himmelsfärdsdag"]);
        Assert.Equal(DateOnly.Parse(pentecost, System.Globalization.CultureInfo.InvariantCulture), holidays["Pingstdagen"]);
        Assert.Equal(DateOnly.Parse(midsummerDay, System.Globalization.CultureInfo.InvariantCulture), holidays["Midsommardagen"]);
        Assert.Equal(DateOnly.Parse(allSaints, System.Globalization.CultureInfo.InvariantCulture), holidays["Alla helgons dag"]);
    }

    [Theory]
    [InlineData("2026-04-03", false)]
    [InlineData("2026-04-06", false)]
    [InlineData("2026-04-07", true)]
    [InlineData("2025-06-20", true)]
    [InlineData("2025-06-06", false)]
    [InlineData("2025-12-24", true)]
    [InlineData("2025-12-26", false)]
    [InlineData("2025-12-31", true)]
    [InlineData("2027-01-06", false)]
    [InlineData("2026-05-01", false)]
    [InlineData("2026-06-08", true)]
    [InlineData("2026-12-05", false)]
    public void Working_days(string date, bool working) =>
        Assert.Equal(working, SwedishCalendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-02", 10, "2026-03-16")]
    [InlineData("2026-04-02", 10, "2026-04-20")]
    [InlineData("2026-04-02", 15, "2026-04-27")]
    [InlineData("2025-04-17", 10, "2025-05-06")]
    [InlineData("2025-06-19", 10, "2025-07-03")]
    [InlineData("2025-06-05", 10, "2025-06-20")]
    [InlineData("2025-12-22", 10, "2026-01-09")]
    [InlineData("2026-12-23", 10, "2027-01-11")]
    [InlineData("2027-05-04", 10, "2027-05-19")]
    [InlineData("2027-12-23", 10, "2028-01-07")]
    [InlineData("2027-06-24", 15, "2027-07-15")]
    [InlineData("2026-03-07", 1, "2026-03-09")]
    public void Working_days_are_counted_from_the_day_after(string from, int days, string expected)
    {
        var start = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var due = SwedishCalendar.AddWorkingDays(start, days);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
        Assert.Equal(days, SwedishCalendar.WorkingDaysBetween(start, due));
    }
}
