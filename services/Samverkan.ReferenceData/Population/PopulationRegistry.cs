using Microsoft.EntityFrameworkCore;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ReferenceData.Data;

namespace Samverkan.ReferenceData.Population;

/// <summary>The current population figure of each region: the newer of the shipped and the imported one.</summary>
public sealed class PopulationRegistry(ReferenceDataCatalog catalog, IDbContextFactory<ReferenceDataDbContext> contexts, TimeProvider clock)
{
    /// <summary>By region code; a region without any figure is absent, and callers say so rather than guess.</summary>
    public async Task<IReadOnlyDictionary<string, PopulationInfo>> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var imported = await db.PopulationFigures.AsNoTracking().ToListAsync(cancellationToken);
        var current = catalog.ShippedPopulations.ToDictionary(p => p.RegionCode);
        foreach (var figure in imported)
        {
            if (!current.TryGetValue(figure.RegionCode, out var existing) || figure.AsOf > existing.AsOf)
            {
                current[figure.RegionCode] = new PopulationInfo(figure.RegionCode, figure.Inhabitants, figure.AsOf, figure.Source);
            }
        }

        return current;
    }

    /// <summary>Stores each figure that is newer than the current one; returns the codes updated and the codes left as they were.</summary>
    public async Task<(IReadOnlyList<string> Updated, IReadOnlyList<string> Unchanged)> ImportAsync(
        IReadOnlyList<PopulationInfo> figures, string importedBy, CancellationToken cancellationToken)
    {
        var current = await GetCurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = new List<string>();
        var unchanged = new List<string>();
        foreach (var figure in figures.OrderBy(f => f.RegionCode, StringComparer.Ordinal))
        {
            if (current.TryGetValue(figure.RegionCode, out var existing) && existing.AsOf >= figure.AsOf)
            {
                unchanged.Add(figure.RegionCode);
                continue;
            }

            var record = await db.PopulationFigures.FindAsync([figure.RegionCode], cancellationToken);
            if (record is null)
            {
                record = new PopulationFigureRecord { RegionCode = figure.RegionCode, Source = figure.Source, ImportedBy = importedBy };
                db.PopulationFigures.Add(record);
            }

            record.Inhabitants = figure.Inhabitants;
            record.AsOf = figure.AsOf;
            record.Source = figure.Source;
            record.ImportedBy = importedBy;
            record.ImportedAt = clock.GetUtcNow().UtcDateTime;
            updated.Add(figure.RegionCode);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (updated, unchanged);
    }
}
