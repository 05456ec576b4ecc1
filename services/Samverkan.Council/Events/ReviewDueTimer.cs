using Microsoft.EntityFrameworkCore;
using Samverkan.Council.Data;
using Samverkan.Council.V1;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;

namespace Samverkan.Council.Events;

/// <summary>
/// Fires on the morning of a published version's review date (Swedish time) and publishes RecommendationReviewDue.
/// Kept in the database, so it fires after a restart; a version superseded in the meantime is no longer due.
/// </summary>
public sealed class ReviewDueTimer(TimeProvider clock) : ITimerHandler<CouncilDbContext>
{
    public const string Kind = "recommendation-review-due";

    public static string Key(Guid recommendationId, int version) => $"{recommendationId}/{version}";

    string ITimerHandler<CouncilDbContext>.Kind => Kind;

    public async Task FireAsync(CouncilDbContext db, ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var parts = timer.Key.Split('/');
        var id = Guid.Parse(parts[0]);
        var version = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var record = await db.Recommendations.SingleOrDefaultAsync(r => r.RecommendationId == id && r.Version == version, cancellationToken);
        if (record is not { State: RecommendationState.Published })
        {
            return;
        }

        db.Outbox.Add(RecommendationEvents.Outbox(new RecommendationReviewDue { Recommendation = RecommendationEvents.Snapshot(record) }, clock.GetUtcNow()));
    }
}
