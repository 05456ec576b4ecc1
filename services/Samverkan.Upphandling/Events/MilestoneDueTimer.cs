using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Domain;
using Samverkan.Upphandling.Procurement;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Events;

/// <summary>
/// Fires when a milestone's target date has passed in Sweden. If its phase is still unreached, MILESTONE_OVERDUE goes out
/// once; reaching the phase cancels the timer, and a timer firing twice after a crash finds it already fired.
/// </summary>
public sealed class MilestoneDueTimer(TimeProvider clock) : ITimerHandler<UpphandlingDbContext>
{
    public const string Kind = "innovation-milestone-due";

    public async Task FireAsync(UpphandlingDbContext db, ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var parts = timer.Key.Split('/');
        var procurementId = Guid.Parse(parts[0]);
        var phase = (InnovationPhase)int.Parse(parts[1], CultureInfo.InvariantCulture);
        var procurement = await db.InnovationProcurements.AsNoTracking().Include(p => p.Milestones)
            .SingleOrDefaultAsync(p => p.ProcurementId == procurementId, cancellationToken);
        var milestone = procurement?.Milestones.SingleOrDefault(m => m.Phase == phase);
        if (procurement is null || milestone is null || milestone.ReachedAt is not null)
        {
            return;
        }

        var audit = new AuditInfo
        {
            Actor = new Actor { Subject = "samverkan-upphandling", Organisation = "Samverkan" },
            Time = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
            Reason = $"The {InnovationPhases.Describe(phase)} milestone was due on {milestone.TargetDate.Iso()}.",
        };
        await db.PublishAsync(ProcurementChange.MilestoneOverdue, procurement.ProcurementId.ToString(), procurement.Title, procurement.RecommendationIds,
            procurement.RegionCodes, $"{procurement.Title}: {InnovationPhases.Describe(phase)} not reached by {milestone.TargetDate.Iso()} ({milestone.InterimTarget})",
            audit, milestone.TargetDate, cancellationToken);
    }

    string ITimerHandler<UpphandlingDbContext>.Kind => Kind;

    /// <summary>One timer per milestone: the procurement and the phase.</summary>
    public static string Key(Guid procurementId, InnovationPhase phase) => $"{procurementId}/{(int)phase}";
}
