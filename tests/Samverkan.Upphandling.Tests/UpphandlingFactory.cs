using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Testing;

namespace Samverkan.Upphandling.Tests;

/// <summary>
/// The upphandling service in memory on a clock the tests move. It starts on Monday 22 March 2027, 09:00 in Sweden,
/// the week before Easter, so the working-day deadlines the tests expect run across Good Friday and Easter Monday.
/// </summary>
public sealed class UpphandlingFactory : ServiceFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2027, 3, 22, 8, 0, 0, TimeSpan.Zero);

    public UpphandlingFactory()
        : this(null)
    {
    }

    private UpphandlingFactory(Action<IServiceCollection>? services)
    {
        TestServices = s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        };
    }

    /// <summary>A host of its own with <paramref name="services"/> added to the test clock.</summary>
    public static UpphandlingFactory With(Action<IServiceCollection> services) => new(services);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Moves the clock to <paramref name="date"/> at 09:00 in Sweden.</summary>
    public void SetDate(DateOnly date) =>
        Clock.SetUtcNow(ServiceDefaults.Hosting.SwedishTime.StartOf(date).AddHours(9));
}
