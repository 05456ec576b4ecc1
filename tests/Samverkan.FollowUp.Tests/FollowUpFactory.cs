using Samverkan.Testing;

namespace Samverkan.FollowUp.Tests;

/// <summary>The follow-up service (with the reference data it hosts) in memory.</summary>
public sealed class FollowUpFactory : ServiceFactory<Program>;
