using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Errors;

namespace Samverkan.Council.Domain;

/// <summary>
/// The legal moves of a meeting, in one table: planned → agenda published → held → minutes approved. The agenda is
/// built while planned; conflicts are declared until the meeting is held; decisions are recorded at a held meeting.
/// </summary>
public static class MeetingStateMachine
{
    private static readonly Dictionary<MeetingAction, (MeetingState[] From, MeetingState? To)> Moves = new()
    {
        [MeetingAction.AddAgendaItem] = ([MeetingState.Planned], null),
        [MeetingAction.PublishAgenda] = ([MeetingState.Planned], MeetingState.AgendaPublished),
        [MeetingAction.DeclareConflict] = ([MeetingState.Planned, MeetingState.AgendaPublished, MeetingState.Held], null),
        [MeetingAction.Hold] = ([MeetingState.AgendaPublished], MeetingState.Held),
        [MeetingAction.RecordDecision] = ([MeetingState.Held], null),
        [MeetingAction.ApproveMinutes] = ([MeetingState.Held], MeetingState.MinutesApproved),
    };

    /// <summary>The state after <paramref name="action"/>; throws <see cref="FailedPreconditionException"/> naming the states it needs.</summary>
    public static MeetingState Apply(this MeetingState current, MeetingAction action, Guid meetingId)
    {
        var (from, to) = Moves[action];
        if (!from.Contains(current))
        {
            throw new FailedPreconditionException("ILLEGAL_TRANSITION", $"meetings/{meetingId}",
                $"A meeting in state {current} cannot {action}; {action} needs {string.Join(" or ", from)}.");
        }

        return to ?? current;
    }
}

/// <summary>What can be done to a meeting.</summary>
public enum MeetingAction
{
    AddAgendaItem,
    PublishAgenda,
    DeclareConflict,
    Hold,
    RecordDecision,
    ApproveMinutes,
}
