using Samverkan.Cases.Data;
using Samverkan.Cases.Grains;
using Samverkan.Eventing.Timers;

namespace Samverkan.Cases.Events;

/// <summary>
/// Fires when an ordered assessment's expected delivery date has passed. The grain decides whether it is still
/// undelivered and publishes AssessmentOverdue once; firing twice (after a crash) changes nothing.
/// </summary>
public sealed class AssessmentDueTimer(IGrainFactory grains) : ITimerHandler<CasesDbContext>
{
    public const string Kind = "assessment-due";

    public static string Key(Guid caseId, Guid assessmentId) => $"{caseId}/{assessmentId}";

    string ITimerHandler<CasesDbContext>.Kind => Kind;

    public Task FireAsync(CasesDbContext db, ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var parts = timer.Key.Split('/');
        return grains.GetGrain<IProductGrain>(Guid.Parse(parts[0])).AssessmentDueAsync(Guid.Parse(parts[1]));
    }
}
