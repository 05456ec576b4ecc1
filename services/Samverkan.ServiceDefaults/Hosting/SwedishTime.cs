namespace Samverkan.ServiceDefaults.Hosting;

/// <summary>
/// Dates in the domain are Swedish calendar dates: a deadline "on 12 March" lasts until midnight in Stockholm,
/// whatever time zone a pod runs in.
/// </summary>
public static class SwedishTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>Today's date in Sweden.</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    /// <summary>The instant <paramref name="date"/> begins in Sweden.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant <paramref name="date"/> has passed in Sweden: the start of the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));
}
