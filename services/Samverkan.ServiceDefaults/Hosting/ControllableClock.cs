using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.ServiceDefaults.Hosting;

/// <summary>
/// System time plus an offset that can only grow: lets an end-to-end test pass a deadline in a running host.
/// On only where <c>Clock:Controllable</c> is true (the standalone host under test); the chart never sets it.
/// </summary>
public sealed class ControllableClock : TimeProvider
{
    public const string Key = "Clock:Controllable";

    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Volatile.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(by.Ticks, nameof(by));
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}

public static class ClockExtensions
{
    /// <summary>Deadlines, review dates and timers read time through TimeProvider so tests can move it.</summary>
    public static IHostApplicationBuilder AddClock(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            return builder;
        }

        if (builder.Configuration.GetValue(ControllableClock.Key, false))
        {
            builder.Services.AddSingleton<ControllableClock>();
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ControllableClock>());
        }
        else
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }

        return builder;
    }

    /// <summary><c>POST /clock/advance?by=30.00:00:00</c> (operators only), mapped only when the clock is controllable.</summary>
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<ControllableClock>() is { } clock)
        {
            endpoints.MapPost("/clock/advance", (string by) =>
            {
                if (!TimeSpan.TryParse(by, CultureInfo.InvariantCulture, out var span) || span < TimeSpan.Zero)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["must be a non-negative time span, e.g. 30.00:00:00"] });
                }

                clock.Advance(span);
                return Results.Ok(new { now = clock.GetUtcNow() });
            }).RequireAuthorization(policy => policy.RequireRole(Roles.Operator));
        }

        return endpoints;
    }
}
