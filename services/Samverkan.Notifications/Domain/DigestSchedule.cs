using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Notifications.Domain;

/// <summary>When a notification is sent: at once, or at the subscriber's next digest (07:00 Swedish time, weekly on Mondays).</summary>
public static class DigestSchedule
{
    private static readonly TimeSpan SendTime = TimeSpan.FromHours(7);

    public static DateTimeOffset NextSend(Cadence cadence, DateTimeOffset now)
    {
        if (cadence is not (Cadence.DailyDigest or Cadence.WeeklyDigest))
        {
            return now;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, SwedishTime.Zone).DateTime);
        for (var day = today; ; day = day.AddDays(1))
        {
            var at = SwedishTime.StartOf(day) + SendTime;
            if (at > now && (cadence == Cadence.DailyDigest || day.DayOfWeek == DayOfWeek.Monday))
            {
                return at;
            }
        }
    }
}
