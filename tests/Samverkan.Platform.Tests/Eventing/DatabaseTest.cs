using Microsoft.EntityFrameworkCore;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>Each test gets a fresh service-like database on a SQLite file of its own.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samverkan-eventing-");

    protected IDbContextFactory<TestDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync() => Contexts = await TestDbContext.CreateAsync(_directory.FullName);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
