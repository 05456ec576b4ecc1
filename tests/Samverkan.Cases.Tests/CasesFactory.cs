using Samverkan.Testing;

namespace Samverkan.Cases.Tests;

/// <summary>The cases service in memory, shared by a test class.</summary>
public sealed class CasesFactory : ServiceFactory<Program>;
