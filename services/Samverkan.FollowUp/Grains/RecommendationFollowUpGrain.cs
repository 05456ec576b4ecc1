using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Samverkan.Common.V1;
using Samverkan.Eventing.Outbox;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Events;
using Samverkan.ReferenceData.Catalog;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.FollowUp.Grains;

/// <summary>
/// One recommendation's 21 follow-ups. The relational tables are the state: the grain loads them on activation and
/// writes every change, its history entries, audit entries, outbox events and deadline timer in one transaction, so
/// nothing is half-written and no event is lost. The grain only changes its memory after the commit; a failed
/// commit deactivates it so the next call starts from the database. The rows' version is a concurrency token, so
/// even a second activation somewhere else (a cluster split) could not overwrite a change it has not seen.
/// </summary>
public sealed partial class RecommendationFollowUpGrain(
    IDbContextFactory<FollowUpDbContext> contexts,
    ReferenceDataCatalog catalog,
    TimeProvider clock) : Grain, IRecommendationFollowUpGrain
{
    public const string EventSource = "samverkan/followup";

    private RecommendationRecord? _recommendation;
    private Dictionary<string, FollowUpRecord> _followUps = [];

    private Guid RecommendationId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _recommendation = await db.Recommendations.AsNoTracking().SingleOrDefaultAsync(r => r.RecommendationId == RecommendationId, cancellationToken);
        _followUps = await db.FollowUps.AsNoTracking().Where(f => f.RecommendationId == RecommendationId).ToDictionaryAsync(f => f.RegionCode, cancellationToken);
    }

    public async Task OpenAsync(PublishedVersion published)
    {
        if (_recommendation is not null)
        {
            await ReviseAsync(published);
            return;
        }

        var now = clock.GetUtcNow();
        var recommendation = new RecommendationRecord
        {
            RecommendationId = RecommendationId,
            Number = published.Number,
            Version = published.Version,
            CaseId = published.CaseId,
            ProductDisplayName = published.ProductDisplayName,
            Deadline = published.Deadline,
            FirstPublishedAt = published.PublishedAt.UtcDateTime,
            VersionPublishedAt = published.PublishedAt.UtcDateTime,
        };
        var followUps = catalog.Regions.Select(region => new FollowUpRecord
        {
            RecommendationId = RecommendationId,
            RegionCode = region.Code,
            RecommendationNumber = published.Number,
            RecommendationVersion = published.Version,
            CaseId = published.CaseId,
            Stage = V1.FollowUpStage.Open,
            Deadline = published.Deadline,
            Version = 1,
            UpdatedAt = now.UtcDateTime,
        }).ToDictionary(f => f.RegionCode);

        await CommitAsync(async db =>
        {
            db.Recommendations.Add(recommendation);
            db.FollowUps.AddRange(followUps.Values);
            db.Audit(Audit(published.Actor, now, published.Reason), ResourceName, "follow-up.opened",
                $"{published.Number} version {published.Version}: {followUps.Count} regions, deadline {published.Deadline:yyyy-MM-dd}.");
            await ScheduleDeadlineAsync(db, published.Deadline);
        });
        _recommendation = recommendation;
        _followUps = followUps;
    }

    public async Task ReviseAsync(PublishedVersion revised)
    {
        if (_recommendation is null)
        {
            await OpenAsync(revised);
            return;
        }

        if (_recommendation.Version >= revised.Version)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var recommendation = _recommendation.Copy();
        var rows = _followUps.Values.Select(f => f.Copy()).ToList();
        await CommitAsync(async db =>
        {
            db.Recommendations.Attach(recommendation);
            recommendation.Version = revised.Version;
            recommendation.Number = revised.Number;
            recommendation.ProductDisplayName = revised.ProductDisplayName;
            recommendation.Deadline = revised.Deadline;
            recommendation.VersionPublishedAt = revised.PublishedAt.UtcDateTime;
            foreach (var row in rows)
            {
                db.FollowUps.Attach(row);
                row.RecommendationVersion = revised.Version;
                row.RecommendationNumber = revised.Number;
                row.Deadline = revised.Deadline;
                row.ConfirmationRequested = Domain.Stages.IsDecided(row.Stage);
                // A later deadline gives an overdue region a new chance; it becomes overdue again only if it passes.
                row.Overdue &= SwedishTime.EndOf(revised.Deadline) <= now;
                Touch(row, now);
            }

            db.Audit(Audit(revised.Actor, now, revised.Reason), ResourceName, "follow-up.revised",
                $"{revised.Number} version {revised.Version}: deadline {revised.Deadline:yyyy-MM-dd}; decided regions asked to confirm.");
            await ScheduleDeadlineAsync(db, revised.Deadline);
        });
        _recommendation = recommendation;
        _followUps = rows.ToDictionary(r => r.RegionCode);
    }

    public async Task DeadlinePassedAsync()
    {
        var now = clock.GetUtcNow();
        if (_recommendation is null || SwedishTime.EndOf(_recommendation.Deadline) > now)
        {
            return;
        }

        var rows = _followUps.Values.Where(f => !f.Overdue && !Domain.Stages.IsDecided(f.Stage)).Select(f => f.Copy()).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await CommitAsync(db =>
        {
            foreach (var row in rows)
            {
                db.FollowUps.Attach(row);
                row.Overdue = true;
                Touch(row, now);
                db.Outbox.Add(OutboxMessage.Create(new Samverkan.Events.V1.FollowUpOverdue
                {
                    RecommendationId = RecommendationId.ToString(),
                    RecommendationNumber = row.RecommendationNumber,
                    CaseId = row.CaseId.ToString(),
                    RegionCode = row.RegionCode,
                    Deadline = ToDate(row.Deadline),
                    Stage = row.Stage,
                }, EventSource, now));
            }

            db.Audit(Audit(SystemActor, now, $"The deadline {_recommendation.Deadline:yyyy-MM-dd} passed."), ResourceName, "follow-up.overdue",
                "Overdue: " + string.Join(", ", rows.Select(r => r.RegionCode)));
            return Task.CompletedTask;
        });
        foreach (var row in rows)
        {
            _followUps[row.RegionCode] = row;
        }
    }

    private string ResourceName => $"recommendations/{RecommendationId}/followUps";

    private static Reporter SystemActor { get; } = new() { Subject = "samverkan-followup", Organisation = "Samverkan.Platform" };

    private Task ScheduleDeadlineAsync(FollowUpDbContext db, DateOnly deadline) =>
        db.ScheduleTimerAsync(FollowUpDeadlineTimer.Kind, RecommendationId.ToString(), SwedishTime.EndOf(deadline), null, CancellationToken.None);

    private async Task CommitAsync(Func<FollowUpDbContext, Task> write)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await write(db);
            await db.SaveChangesAsync();
        }
        catch
        {
            // Memory may now be behind (a concurrent writer) or the write half-prepared: start over from the database.
            DeactivateOnIdle();
            throw;
        }
    }

    private static void Touch(FollowUpRecord row, DateTimeOffset now)
    {
        row.Version++;
        row.UpdatedAt = now.UtcDateTime;
    }

    private static AuditInfo Audit(Reporter actor, DateTimeOffset now, string reason) => new()
    {
        Actor = new Actor { Subject = actor.Subject, Organisation = actor.Organisation, RegionCode = actor.RegionCode },
        Time = Timestamp.FromDateTimeOffset(now),
        Reason = reason,
    };

    private static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
