using Microsoft.EntityFrameworkCore;
using Samverkan.Cases.Grains;
using Samverkan.Eventing.Outbox;

namespace Samverkan.Cases.Data;

/// <summary>
/// Copies a grain's case to the read model, its pending events to the outbox and its pending timers to the timer
/// table, in one transaction. Idempotent: an older version never overwrites a newer row, and an event already in the
/// outbox is not added again.
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

        if (row.Version < state.Version && state.Product is not null)
        {
            Copy(state, row);
            await CopyAssessmentsAsync(db, caseId, state, cancellationToken);
        }

        await AddPendingEventsAsync(db, state, cancellationToken);
        foreach (var timer in state.PendingTimers)
        {
            await (timer.Cancel
                ? db.CancelTimerAsync(timer.Kind, timer.Key, cancellationToken)
                : db.ScheduleTimerAsync(timer.Kind, timer.Key, timer.DueAt, null, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Copy(ProductState state, CaseRecord row)
    {
        var product = state.Product!;
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

    private static async Task CopyAssessmentsAsync(CasesDbContext db, Guid caseId, ProductState state, CancellationToken cancellationToken)
    {
        if (state.Assessments.Count == 0)
        {
            return;
        }

        var rows = await db.Assessments.Where(a => a.CaseId == caseId).ToDictionaryAsync(a => a.AssessmentId, cancellationToken);
        foreach (var assessment in state.Assessments)
        {
            if (!rows.TryGetValue(assessment.AssessmentId, out var row))
            {
                row = new AssessmentRecord { AssessmentId = assessment.AssessmentId, CaseId = caseId };
                db.Assessments.Add(row);
            }

            row.ProductDisplayName = state.Product!.DisplayName;
            row.Assessor = assessment.Assessor;
            row.AssessorUnit = assessment.AssessorUnit;
            row.Question = assessment.Question;
            row.ExpectedDeliveryDate = assessment.ExpectedDeliveryDate;
            row.OrderedAt = assessment.OrderedAt.UtcDateTime;
            row.DeliveredAt = assessment.DeliveredAt?.UtcDateTime;
            row.Overdue = assessment.Overdue;
            row.CaseOpen = state.Status != Domain.CaseStatus.Closed;
        }
    }

    private static async Task AddPendingEventsAsync(CasesDbContext db, ProductState state, CancellationToken cancellationToken)
    {
        if (state.PendingEvents.Count == 0)
        {
            return;
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
    }
}
