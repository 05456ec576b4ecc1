using Samverkan.Testing;

namespace Samverkan.Upphandling.Tests;

/// <summary>The upphandling service in memory.</summary>
public sealed class UpphandlingFactory : ServiceFactory<Program>;
