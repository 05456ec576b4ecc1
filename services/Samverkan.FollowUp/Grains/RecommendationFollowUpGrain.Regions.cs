using System.Globalization;
using Samverkan.Eventing.Outbox;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Domain;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.FollowUp.Grains;

/// <summary>What a region's contact person reports: stages, corrections, confirmations and uptake figures.</summary>
public sealed partial class RecommendationFollowUpGrain
{
    public async Task ReportStageAsync(StageCommand command)
    {
        var current = Region(command.RegionCode, command.ExpectedVersion);
        var stage = (FollowUpStage)command.Stage;
        var v = new Validation();
        v.Check(Stages.IsForward(current.Stage, stage), "stage",
            $"must come after the current stage {current.Stage}; a stage reported by mistake is corrected with CorrectStage");
        if (current.StageDate is { } previous)
        {
            v.Check(command.Date >= previous, "date", $"must not be before the date of the current stage ({previous:yyyy-MM-dd})");
        }

        CheckDecision(v, command, needsDecision: Stages.IsDecided(stage) && !Stages.IsDecided(current.Stage));
        CheckNotBeforePublication(v, command.Date);
        v.ThrowIfInvalid();

        await ChangeAsync(current, command.Actor, command.Reason, StageReportKind.Reported, row =>
        {
            row.Stage = stage;
            row.StageDate = command.Date;
            if (Stages.IsDecided(stage) && !Stages.IsDecided(current.Stage))
            {
                row.Decision = (RegionalDecision)command.Decision;
                row.DecidedOn = command.Date;
            }
        }, command);
    }

    public async Task CorrectStageAsync(StageCommand command)
    {
        var current = Region(command.RegionCode, command.ExpectedVersion);
        if (current.Stage == FollowUpStage.Open)
        {
            throw new FailedPreconditionException("NOTHING_TO_CORRECT", FollowUpName(current.RegionCode), "The region has reported no stage yet; report one instead.");
        }

        var stage = (FollowUpStage)command.Stage;
        var v = new Validation();
        CheckDecision(v, command, needsDecision: Stages.IsDecided(stage));
        CheckNotBeforePublication(v, command.Date);
        v.ThrowIfInvalid();

        await ChangeAsync(current, command.Actor, command.Reason, StageReportKind.Corrected, row =>
        {
            row.Stage = stage;
            row.StageDate = command.Date;
            var decided = Stages.IsDecided(stage);
            row.Decision = decided ? (RegionalDecision)command.Decision : RegionalDecision.Unspecified;
            // Correcting the introduction keeps the date of the decision before it: lead times count to the decision.
            row.DecidedOn = !decided ? null : stage == FollowUpStage.Decided || current.DecidedOn is null ? command.Date : current.DecidedOn;
            row.ConfirmationRequested &= decided;
        }, command);
    }

    public async Task ConfirmDecisionAsync(ConfirmCommand command)
    {
        var current = Region(command.RegionCode, command.ExpectedVersion);
        if (!current.ConfirmationRequested)
        {
            throw new FailedPreconditionException("NO_CONFIRMATION_REQUESTED", FollowUpName(current.RegionCode),
                "No confirmation is asked for: the region's decision concerns the current version already.");
        }

        await ChangeAsync(current, command.Actor, command.Reason, StageReportKind.Confirmed, row => row.ConfirmationRequested = false, null);
    }

    public async Task ReportUptakeAsync(UptakeCommand command)
    {
        var current = Region(command.RegionCode, expectedVersion: null);
        var now = clock.GetUtcNow();
        await CommitAsync(async db =>
        {
            var key = new object[] { RecommendationId, current.RegionCode, command.Year, command.Quarter, (UptakeMeasure)command.Measure };
            var figure = await db.UptakeFigures.FindAsync(key);
            var previous = figure?.Value;
            if (figure is null)
            {
                figure = new UptakeFigureRecord
                {
                    RecommendationId = RecommendationId,
                    RegionCode = current.RegionCode,
                    Year = command.Year,
                    Quarter = command.Quarter,
                    Measure = (UptakeMeasure)command.Measure,
                };
                db.UptakeFigures.Add(figure);
            }

            figure.Value = command.Value;
            figure.ReportedBy = command.Actor.Subject;
            figure.ReportedByOrganisation = command.Actor.Organisation;
            figure.ReportedAt = now.UtcDateTime;
            figure.Reason = command.Reason;
            var what = string.Create(CultureInfo.InvariantCulture,
                $"{(UptakeMeasure)command.Measure} {command.Year} Q{command.Quarter}: {command.Value}{(previous is { } p ? $" (was {p})" : string.Empty)}.");
            db.Audit(Audit(command.Actor, now, command.Reason), FollowUpName(current.RegionCode), "follow-up.uptake-reported", what);
        });
    }

    private FollowUpRecord Region(string regionCode, int? expectedVersion)
    {
        if (_recommendation is null || !_followUps.TryGetValue(regionCode, out var current))
        {
            throw new NotFoundException(FollowUpName(regionCode));
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new EtagMismatchException(FollowUpName(regionCode), current.Version.ToString(CultureInfo.InvariantCulture));
        }

        return current;
    }

    private static void CheckDecision(Validation v, StageCommand command, bool needsDecision)
    {
        if (needsDecision)
        {
            v.Check(command.Decision != 0 && Enum.IsDefined((RegionalDecision)command.Decision), "decision", "is required when the region decides");
            v.Check(command.DecisionGrounds.Trim().Length > 0, "decision_grounds", "is required when the region decides");
            v.Check(command.DecisionReference.Trim().Length > 0, "decision_reference", "is required when the region decides");
            return;
        }

        v.Check(command.Decision == 0, "decision", "is given only with the stage at which the region decides");
        v.Check(command.DecisionGrounds.Length == 0, "decision_grounds", "is given only with the stage at which the region decides");
        v.Check(command.DecisionReference.Length == 0, "decision_reference", "is given only with the stage at which the region decides");
    }

    private void CheckNotBeforePublication(Validation v, DateOnly date)
    {
        var published = LeadTimes.SwedishDate(_recommendation!.FirstPublishedAt);
        v.Check(date >= published, "date", $"must not be before the recommendation was published ({published:yyyy-MM-dd})");
    }

    private async Task ChangeAsync(FollowUpRecord current, Reporter actor, string reason, StageReportKind kind, Action<FollowUpRecord> apply, StageCommand? report)
    {
        var now = clock.GetUtcNow();
        var row = current.Copy();
        await CommitAsync(db =>
        {
            db.FollowUps.Attach(row);
            apply(row);
            Touch(row, now);
            db.StageReports.Add(new StageReportRecord
            {
                RecommendationId = RecommendationId,
                RegionCode = row.RegionCode,
                FollowUpVersion = row.Version,
                RecommendationVersion = row.RecommendationVersion,
                Kind = kind,
                Stage = row.Stage,
                Date = row.StageDate ?? clock.Today(),
                Decision = row.Decision,
                DecisionGrounds = report?.DecisionGrounds ?? string.Empty,
                DecisionReference = report?.DecisionReference ?? string.Empty,
                DocumentUri = report?.DocumentUri ?? string.Empty,
                ActorSubject = actor.Subject,
                ActorOrganisation = actor.Organisation,
                ActorRegion = actor.RegionCode,
                ReportedAt = now.UtcDateTime,
                Reason = reason,
            });
            var audit = Audit(actor, now, reason);
            db.Outbox.Add(OutboxMessage.Create(new Samverkan.Events.V1.FollowUpReported
            {
                RecommendationId = RecommendationId.ToString(),
                RecommendationNumber = row.RecommendationNumber,
                CaseId = row.CaseId.ToString(),
                RegionCode = row.RegionCode,
                Stage = row.Stage,
                Decision = row.Decision,
                Audit = audit,
            }, EventSource, now));
            db.Audit(audit, FollowUpName(row.RegionCode), "follow-up." + kind.ToString().ToLowerInvariant(), $"{row.Stage} {row.Decision}".Trim());
            return Task.CompletedTask;
        });
        _followUps[row.RegionCode] = row;
    }

    private string FollowUpName(string regionCode) => FollowUpNames.Format(RecommendationId, regionCode);
}
