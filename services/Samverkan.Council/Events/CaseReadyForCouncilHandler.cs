using Samverkan.Council.Data;
using Samverkan.Council.Domain;
using Samverkan.Eventing;
using Samverkan.Events.V1;

namespace Samverkan.Council.Events;

/// <summary>
/// A case the preparation group marked ready waits for an agenda. Marked ready again (after a review), it waits again
/// with the new assessment summaries. Once per event id however often it is delivered.
/// </summary>
public sealed class CaseReadyForCouncilHandler(CouncilDbContext db, TimeProvider clock) : IEventHandler<CaseReadyForCouncil>
{
    public async Task HandleAsync(IncomingEvent<CaseReadyForCouncil> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        if (!Guid.TryParse(e.CaseId, out var caseId) || caseId == Guid.Empty
            || !await db.IsFirstDeliveryAsync(incoming.Id, nameof(CaseReadyForCouncilHandler), clock.GetUtcNow(), cancellationToken))
        {
            return;
        }

        var row = await db.ReadyCases.FindAsync([caseId], cancellationToken);
        if (row is null)
        {
            row = new ReadyCaseRecord { CaseId = caseId };
            db.ReadyCases.Add(row);
        }

        row.ProductDisplayName = e.ProductDisplayName;
        row.Manufacturer = e.Manufacturer;
        row.ProgrammeAreas = Stored.Codes(e.ProgrammeAreaCodes);
        row.AssessmentSummaries = Stored.Texts(e.AssessmentSummaries);
        row.ReadyAt = Stored.Time(e.Audit?.Time?.ToDateTimeOffset() ?? incoming.Time);
        row.AgendaItemId = null;
        row.MeetingId = null;
        await db.SaveChangesAsync(cancellationToken);
    }
}
