using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

/// <summary>The follow-up service (with the reference data it hosts) in memory, on a clock the tests move.</summary>
public sealed class FollowUpFactory : ServiceFactory<Program>
{
    public FollowUpFactory()
        : this(null, DateTimeOffset.UtcNow)
    {
    }

    private FollowUpFactory(string? dataDirectory, DateTimeOffset now, IDictionary<string, string?>? settings = null)
        : base(WithoutTimerPolling(settings), dataDirectory)
    {
        Clock = new FakeTimeProvider(now);
        TestServices = services => services.AddSingleton<TimeProvider>(Clock);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>A host on <paramref name="dataDirectory"/> (another host's files: a restart) starting at <paramref name="now"/>.</summary>
    public static FollowUpFactory On(string dataDirectory, DateTimeOffset now) => new(dataDirectory, now);

    /// <summary>Timers fire when a test calls the runner, never behind its back between two steps.</summary>
    private static Dictionary<string, string?> WithoutTimerPolling(IDictionary<string, string?>? settings) =>
        new(settings ?? new Dictionary<string, string?>()) { ["Timers:PollInterval"] = "1.00:00:00" };

    /// <summary>A host of its own with extra settings.</summary>
    public static FollowUpFactory With(IDictionary<string, string?> settings) => new(null, DateTimeOffset.UtcNow, settings);
}
