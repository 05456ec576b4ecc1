using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>One PostgreSQL container for every integration test; each test creates its own databases in it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
