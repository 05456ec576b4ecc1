using Samverkan.Testing;

namespace Samverkan.Council.Tests;

/// <summary>The council service in memory.</summary>
public sealed class CouncilFactory : ServiceFactory<Program>;
