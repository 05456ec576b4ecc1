using Samverkan.Cases.Domain;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Errors;
using Assessment = Samverkan.Cases.Domain.Assessment;

namespace Samverkan.Cases.Grains;

/// <summary>The preparation group's commands: from nomination to a case ready for the council, or closed.</summary>
public sealed partial class ProductGrain
{
    public Task<CaseSnapshot> NominateAsync(Nominate command) =>
        ChangeAsync(command, CaseAction.Nominate, "nominated", _ => "Nominated for national managed introduction.");

    public Task<CaseSnapshot> PrioritiseAsync(Prioritise command) =>
        ChangeAsync(command, CaseAction.Prioritise, "prioritised", now =>
        {
            var p = command.Prioritisation;
            S.Prioritisation = new Prioritisation
            {
                PatientNear = p.PatientNear,
                LargeVolumeOrCost = p.LargeVolumeOrCost,
                EstimatedTotalCostSek = p.EstimatedTotalCostSek,
                RiskOfUnequalUse = p.RiskOfUnequalUse,
                LargePatientValue = p.LargePatientValue,
                Grounds = p.Grounds,
                PrioritisedAt = now,
            };
            var met = CriteriaMet(p).ToList();
            return met.Count == 0 ? "No criterion met." : "Criteria met: " + string.Join(", ", met) + ".";
        });

    public Task<CaseSnapshot> AcceptAsync(Accept command) =>
        ChangeAsync(command, CaseAction.Accept, "accepted", now =>
        {
            S.Decision = new CaseDecision { Accepted = true, InterimAdvice = command.InterimAdvice, Grounds = command.Reason, Actor = command.Actor, DecidedAt = now };
            return $"Accepted into national collaboration; interim advice to the regions: {command.InterimAdvice}.";
        }, EnsurePrioritised);

    public Task<CaseSnapshot> DeclineAsync(Decline command) =>
        ChangeAsync(command, CaseAction.Decline, "declined", now =>
        {
            S.Decision = new CaseDecision { Accepted = false, Grounds = command.Reason, Actor = command.Actor, DecidedAt = now };
            return "Declined for national managed introduction.";
        });

    public Task<CaseSnapshot> OrderAssessmentAsync(OrderAssessment command)
    {
        if (S.Assessments.Any(a => a.AssessmentId == command.AssessmentId))
        {
            return Task.FromResult(Snapshot());
        }

        return ChangeAsync(command, CaseAction.OrderAssessment, "assessment-ordered", now =>
        {
            var assessment = new Assessment
            {
                AssessmentId = command.AssessmentId,
                Assessor = command.Assessor,
                AssessorUnit = command.AssessorUnit,
                Question = command.Question,
                ExpectedDeliveryDate = command.ExpectedDeliveryDate,
                OrderedAt = now,
            };
            S.Assessments.Add(assessment);
            ScheduleAssessmentDue(assessment, cancel: false);
            return $"Assessment {assessment.AssessmentId} ordered from {assessment.AssessorName}, expected {assessment.ExpectedDeliveryDate:yyyy-MM-dd}.";
        });
    }

    public Task<CaseSnapshot> RecordAssessmentDeliveryAsync(RecordAssessmentDelivery command) =>
        ChangeAsync(command, CaseAction.RecordAssessmentDelivery, "assessment-delivered", now =>
        {
            var assessment = S.Assessments.Single(a => a.AssessmentId == command.AssessmentId);
            assessment.DeliveredAt = now;
            assessment.ReportReference = command.ReportReference;
            assessment.Summary = command.Summary;
            ScheduleAssessmentDue(assessment, cancel: true);
            return $"Assessment {assessment.AssessmentId} from {assessment.AssessorName} delivered: {command.ReportReference}.";
        }, () => EnsureUndelivered(command.AssessmentId));

    public Task<CaseSnapshot> MarkReadyForCouncilAsync(MarkReadyForCouncil command) =>
        ChangeAsync(command, CaseAction.MarkReadyForCouncil, "ready-for-council", now =>
        {
            Emit(now, new CaseReadyForCouncil
            {
                CaseId = CaseId.ToString(),
                ProductDisplayName = S.Product!.DisplayName,
                Manufacturer = S.Product.Manufacturer,
                ProgrammeAreaCodes = { S.Product.ProgrammeAreaCodes },
                AssessmentSummaries = { S.Assessments.Select(a => $"{a.AssessorName} {a.ReportReference}: {a.Summary}") },
                Audit = command.Actor.ToAudit(now, command.Reason),
            });
            return "Ready for the council.";
        }, EnsureNothingPending);

    public Task<CaseSnapshot> CloseAsync(Close command) =>
        ChangeAsync(command, CaseAction.Close, "closed", _ =>
        {
            S.ClosureGrounds = command.Reason;
            foreach (var assessment in S.Assessments.Where(a => !a.IsDelivered))
            {
                ScheduleAssessmentDue(assessment, cancel: true);
            }

            return "Withdrawn/closed.";
        });

    private void EnsurePrioritised()
    {
        if (S.Prioritisation is null)
        {
            throw new FailedPreconditionException("NOT_PRIORITISED", ResourceName,
                "A nominated case is prioritised against the criteria (PrioritiseCase) before it is accepted.");
        }
    }

    private void EnsureUndelivered(Guid assessmentId)
    {
        var assessment = S.Assessments.SingleOrDefault(a => a.AssessmentId == assessmentId)
            ?? throw new NotFoundException($"{ResourceName}/assessments/{assessmentId}");
        if (assessment.IsDelivered)
        {
            throw new FailedPreconditionException("ASSESSMENT_DELIVERED", $"{ResourceName}/assessments/{assessmentId}",
                $"The assessment was already delivered on {assessment.DeliveredAt:yyyy-MM-dd} ({assessment.ReportReference}).");
        }
    }

    private void EnsureNothingPending()
    {
        var pending = S.Assessments.Where(a => !a.IsDelivered).ToList();
        if (pending.Count > 0)
        {
            throw new FailedPreconditionException("ASSESSMENT_PENDING", ResourceName,
                $"The case waits for {pending.Count} ordered assessment(s): {string.Join(", ", pending.Select(a => $"{a.AssessorName} expected {a.ExpectedDeliveryDate:yyyy-MM-dd}"))}.");
        }
    }

    private static IEnumerable<string> CriteriaMet(Prioritisation p)
    {
        if (p.PatientNear)
        {
            yield return "patient-near";
        }

        if (p.LargeVolumeOrCost)
        {
            yield return p.EstimatedTotalCostSek is { } cost ? $"large volume or cost (about {cost:N0} SEK)" : "large volume or cost";
        }

        if (p.RiskOfUnequalUse)
        {
            yield return "risk of unequal use";
        }

        if (p.LargePatientValue)
        {
            yield return "large patient value";
        }
    }
}
