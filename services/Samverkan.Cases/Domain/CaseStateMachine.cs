using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Cases.Domain;

/// <summary>
/// The legal moves of a case, in one table. A command names its action; the machine says whether the case's current
/// state allows it and which state follows. Event-driven moves (a published recommendation, a review date) use the
/// same table, so a case never reaches a state by a path the table does not show.
/// </summary>
public static class CaseStateMachine
{
    private static readonly Dictionary<CaseAction, (CaseStatus[] From, CaseStatus? To)> Moves = new()
    {
        [CaseAction.Nominate] = ([CaseStatus.Registered], CaseStatus.Nominated),
        [CaseAction.Prioritise] = ([CaseStatus.Nominated], null),
        [CaseAction.Accept] = ([CaseStatus.Nominated], CaseStatus.Accepted),
        [CaseAction.Decline] = ([CaseStatus.Nominated], CaseStatus.Declined),
        [CaseAction.OrderAssessment] = ([CaseStatus.Accepted, CaseStatus.InAssessment, CaseStatus.UnderReview], CaseStatus.InAssessment),
        [CaseAction.RecordAssessmentDelivery] = ([CaseStatus.InAssessment, CaseStatus.ReadyForCouncil, CaseStatus.Recommended, CaseStatus.UnderReview], null),
        [CaseAction.MarkReadyForCouncil] = ([CaseStatus.Accepted, CaseStatus.InAssessment, CaseStatus.UnderReview], CaseStatus.ReadyForCouncil),
        [CaseAction.Recommend] = ([CaseStatus.ReadyForCouncil, CaseStatus.Recommended, CaseStatus.UnderReview], CaseStatus.Recommended),
        [CaseAction.StartReview] = ([CaseStatus.Recommended], CaseStatus.UnderReview),
        [CaseAction.Close] = ([CaseStatus.Registered, CaseStatus.Nominated, CaseStatus.Accepted, CaseStatus.Declined, CaseStatus.InAssessment,
            CaseStatus.ReadyForCouncil, CaseStatus.Recommended, CaseStatus.UnderReview], CaseStatus.Closed),
    };

    public static bool Allows(this CaseStatus current, CaseAction action) => Moves[action].From.Contains(current);

    /// <summary>The state after <paramref name="action"/>; throws <see cref="FailedPreconditionException"/> naming the current and allowed states.</summary>
    public static CaseStatus Apply(this CaseStatus current, CaseAction action, Guid caseId)
    {
        var (from, to) = Moves[action];
        if (!from.Contains(current))
        {
            var allowed = Moves.Where(m => m.Value.From.Contains(current)).Select(m => $"{m.Key} ({m.Value.To ?? current})").ToList();
            throw new FailedPreconditionException("ILLEGAL_TRANSITION", $"cases/{caseId}",
                $"A case in state {current} cannot {action}; {action} needs {string.Join(" or ", from)}. "
                + (allowed.Count == 0 ? $"{current} is final." : $"From {current} the case can: {string.Join(", ", allowed)}."));
        }

        return to ?? current;
    }

    /// <summary>The actions the current state allows, for documentation and error messages.</summary>
    public static IEnumerable<CaseAction> AllowedActions(this CaseStatus current) =>
        Moves.Where(m => m.Value.From.Contains(current)).Select(m => m.Key);
}

/// <summary>What can be done to a case.</summary>
public enum CaseAction
{
    Nominate,
    Prioritise,
    Accept,
    Decline,
    OrderAssessment,
    RecordAssessmentDelivery,
    MarkReadyForCouncil,
    Recommend,
    StartReview,
    Close,
}
