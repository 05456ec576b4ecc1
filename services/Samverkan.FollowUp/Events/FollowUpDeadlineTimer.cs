using Samverkan.Eventing.Timers;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Grains;

namespace Samverkan.FollowUp.Events;

/// <summary>
/// Fires when a recommendation's follow-up deadline has passed in Sweden (one timer per recommendation, moved by a
/// revision). The grain marks each undecided region overdue and emits FollowUpOverdue once; firing again changes nothing.
/// </summary>
public sealed class FollowUpDeadlineTimer(IGrainFactory grains) : ITimerHandler<FollowUpDbContext>
{
    public const string Kind = "follow-up-deadline";

    string ITimerHandler<FollowUpDbContext>.Kind => Kind;

    public Task FireAsync(FollowUpDbContext db, ScheduledTimer timer, CancellationToken cancellationToken) =>
        grains.GetGrain<IRecommendationFollowUpGrain>(Guid.Parse(timer.Key)).DeadlinePassedAsync();
}
