using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using Samverkan.Upphandling.Data;

namespace Samverkan.Upphandling.Procurement;

/// <summary>ProcurementStatusChanged, stored in the outbox with the change it reports.</summary>
internal static class ProcurementEvents
{
    public const string Source = "samverkan/upphandling";

    public static async Task PublishAsync(this UpphandlingDbContext db, ProcurementChange change, string procurementId, string title,
        IReadOnlyCollection<Guid> recommendationIds, IEnumerable<string> regionCodes, string summary, AuditInfo audit,
        DateOnly? dueDate, CancellationToken cancellationToken)
    {
        var items = await db.CoordinationItems.AsNoTracking().Where(c => recommendationIds.Contains(c.RecommendationId)).ToListAsync(cancellationToken);
        var e = new ProcurementStatusChanged
        {
            Change = change,
            ProcurementId = procurementId,
            Title = title,
            CaseIds = { items.Select(i => i.CaseId.ToString()).Distinct() },
            RecommendationIds = { recommendationIds.Select(id => id.ToString()) },
            Summary = summary,
            RegionCodes = { regionCodes },
            Audit = audit,
            DueDate = dueDate?.ToProto(),
            ProgrammeAreaCodes = { items.SelectMany(i => i.ProgrammeAreaCodes).Distinct() },
        };
        db.Outbox.Add(OutboxMessage.Create(e, Source, audit.Time.ToDateTimeOffset()));
    }
}
