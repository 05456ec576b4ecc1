using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Samverkan.Cases.Data;
using Samverkan.ServiceDefaults.Data;

namespace Samverkan.Cases.Tests;

/// <summary>The text-search index migration on a read model that already holds cases, and the triggers that keep it in step.</summary>
public sealed class TextSearchIndexMigrationTests : IDisposable
{
    private const string BeforeIndex = "20261203055720_Assessments";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cases-search-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Cases_listed_before_the_index_existed_are_found_and_a_changed_search_text_replaces_the_old_one()
    {
        var existing = Guid.NewGuid();
        await using (var db = Open())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeIndex);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO cases (case_id, version, display_name, manufacturer, search_text, status, risk_class, source, programme_areas, created_at, updated_at)
                VALUES ({existing}, 1, 'Andningsmätare Vega', 'Acme Medical AB', 'andningsmätare vega acme medical ab', 1, 1, 1, '|andningsorgan|', '2026-11-30 10:00:00', '2026-11-30 10:00:00')
                """);
            await db.Database.MigrateAsync();
        }

        await using (var db = Open())
        {
            Assert.Equal([existing], await FindAsync(db, "%mätare veg%"));

            var row = await db.Cases.SingleAsync(c => c.CaseId == existing);
            row.SearchText = "andningsmätare lyra acme medical ab";
            await db.SaveChangesAsync();
            Assert.Empty(await FindAsync(db, "%vega%"));
            Assert.Equal([existing], await FindAsync(db, "%lyra%"));

            db.Cases.Remove(row);
            await db.SaveChangesAsync();
            Assert.Empty(await FindAsync(db, "%lyra%"));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static Task<List<Guid>> FindAsync(CasesDbContext db, string pattern) =>
        db.CaseSearch.Where(s => EF.Functions.Like(s.SearchText, pattern)).Select(s => s.CaseId).ToListAsync();

    private SqliteCasesDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SqliteCasesDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, $"Data Source={_file}");
        return new SqliteCasesDbContext(options.Options);
    }
}
