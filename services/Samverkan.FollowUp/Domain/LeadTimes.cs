using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.FollowUp.Domain;

/// <summary>Lead times count in Swedish calendar days, from the first publication to the region's decision date.</summary>
public static class LeadTimes
{
    /// <summary>The Swedish calendar date of an instant stored in UTC.</summary>
    public static DateOnly SwedishDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), SwedishTime.Zone).DateTime);

    public static int DaysToDecision(DateTime firstPublishedAtUtc, DateOnly decidedOn) =>
        decidedOn.DayNumber - SwedishDate(firstPublishedAtUtc).DayNumber;
}
