using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Testing;

namespace Samverkan.Cases.Tests;

/// <summary>The cases service in memory, shared by a test class, on a clock the tests move.</summary>
public sealed class CasesFactory : ServiceFactory<Program>
{
    public CasesFactory()
    {
        TestServices = services => services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>Starts at the real time so dates the tests compute from it are valid for the service too.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}
