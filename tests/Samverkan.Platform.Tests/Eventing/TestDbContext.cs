using Microsoft.EntityFrameworkCore;
using Samverkan.Eventing;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>A service-like context with one table of its own next to the outbox and inbox, on a SQLite file.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : OutboxDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    public static async Task<IDbContextFactory<TestDbContext>> CreateAsync(string directory)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "test.db")}").Options;
        await using (var db = new TestDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        return new Factory(options);
    }

    private sealed class Factory(DbContextOptions<TestDbContext> options) : IDbContextFactory<TestDbContext>
    {
        public TestDbContext CreateDbContext() => new(options);
    }
}

public sealed class Note
{
    public int Id { get; set; }

    public required string Text { get; set; }
}
