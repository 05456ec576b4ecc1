namespace Samverkan.Upphandling.Domain;

/// <summary>
/// Swedish working days as LOU counts them: every day but Saturdays, Sundays and the public holidays of
/// lagen (1989:253) om allmänna helgdagar. The eves (midsommarafton, julafton, nyårsafton) are not public holidays
/// in that law, so they count as working days.
/// </summary>
public static class SwedishCalendar
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The public holidays of <paramref name="year"/> with their Swedish names, in date order.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            (new DateOnly(year, 1, 1), "Nyårsdagen"),
            (new DateOnly(year, 1, 6), "Trettondedag jul"),
            (easter.AddDays(-2), "Långfredagen"),
            (easter, "Påskdagen"),
            (easter.AddDays(1), "Annandag påsk"),
            (new DateOnly(year, 5, 1), "Första maj"),
            (easter.AddDays(39), "Kristi himmelsfärdsdag"),
            (easter.AddDays(49), "Pingstdagen"),
            (new DateOnly(year, 6, 6), "Sveriges nationaldag"),
            (SaturdayFrom(new DateOnly(year, 6, 20)), "Midsommardagen"),
            (SaturdayFrom(new DateOnly(year, 10, 31)), "Alla helgons dag"),
            (new DateOnly(year, 12, 25), "Juldagen"),
            (new DateOnly(year, 12, 26), "Annandag jul"),
        ];
    }

    public static bool IsPublicHoliday(DateOnly date) => PublicHolidays(date.Year).Any(h => h.Date == date);

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date);

    /// <summary>
    /// The <paramref name="count"/>th working day after <paramref name="from"/>: the day of the event itself is not
    /// counted (EU regulation 1182/71, which LOU applies to its time limits).
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = from;
        for (var counted = 0; counted < count;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The Saturday in the seven days starting at <paramref name="first"/>.</summary>
    private static DateOnly SaturdayFrom(DateOnly first) =>
        first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
}
