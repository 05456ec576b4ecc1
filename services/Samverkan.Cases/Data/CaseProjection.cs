using Microsoft.EntityFrameworkCore;
using Samverkan.Cases.Grains;
using Samverkan.Eventing.Outbox;

namespace Samverkan.Cases.Data;

/// <summary>
/// Copies a grain's case to the read model and its pending events to the outbox, in one transaction.
/// Idempotent: an older version never overwrites a newer row, and an event already in the outbox is not added again.
/// </summary>
public sealed class CaseProjection(IDbContextFactory<CasesDbContext> contexts)
{
    public const string EventSource = "samverkan/cases";

    public async Task ApplyAsync(Guid caseId, ProductState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Cases.FindAsync([caseId], cancellationToken);
        if (row is null)
        {
            row = new CaseRecord { CaseId = caseId };
            db.Cases.Add(row);
        }

        if (row.Version < state.Version && state.Product is { } product)
        {
            row.Version = state.Version;
            row.DisplayName = product.DisplayName;
            row.Manufacturer = product.Manufacturer;
            row.SearchText = $"{product.DisplayName} {product.Manufacturer}".ToLowerInvariant();
            row.Status = state.Status;
            row.RiskClass = product.RiskClass;
            row.Source = product.Source;
            row.ProgrammeAreas = "|" + string.Join('|', product.ProgrammeAreaCodes) + "|";
            row.CreatedAt = state.CreatedAt.UtcDateTime;
            row.UpdatedAt = state.UpdatedAt.UtcDateTime;
        }

        var pendingIds = state.PendingEvents.Select(e => e.EventId).ToList();
        var stored = await db.Outbox.Where(m => pendingIds.Contains(m.EventId)).Select(m => m.EventId).ToListAsync(cancellationToken);
        foreach (var pending in state.PendingEvents.Where(e => !stored.Contains(e.EventId)))
        {
            db.Outbox.Add(new OutboxMessage
            {
                EventId = pending.EventId,
                Type = pending.Type,
                Source = EventSource,
                OccurredAt = pending.OccurredAt.UtcDateTime,
                TraceParent = pending.TraceParent,
                Data = pending.DataJson,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
