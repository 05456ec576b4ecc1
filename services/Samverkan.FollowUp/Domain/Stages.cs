using Samverkan.FollowUp.V1;

namespace Samverkan.FollowUp.Domain;

/// <summary>The order of a region's handling (Region Halland's process) and what each stage asks of the region next.</summary>
public static class Stages
{
    /// <summary>Whether a report at <paramref name="next"/> moves a follow-up at <paramref name="current"/> forward.</summary>
    public static bool IsForward(FollowUpStage current, FollowUpStage next) => next > current;

    /// <summary>Whether a follow-up at <paramref name="stage"/> carries a regional decision.</summary>
    public static bool IsDecided(FollowUpStage stage) => stage >= FollowUpStage.Decided;

    /// <summary>A report stage: any known stage after the opening one.</summary>
    public static bool IsReportable(FollowUpStage stage) => stage > FollowUpStage.Open && Enum.IsDefined(stage);

    public static string NextStep(FollowUpStage stage, bool confirmationRequested) => confirmationRequested
        ? "confirm the decision still holds for the revised recommendation"
        : stage switch
        {
            FollowUpStage.Open => "report that the recommendation is received",
            FollowUpStage.Received => "report the regional consequence analysis",
            FollowUpStage.ConsequenceAnalysis => "report the comment round",
            FollowUpStage.CommentRound => "report the decision proposal",
            FollowUpStage.DecisionProposed => "report the decision",
            FollowUpStage.Decided => "report the introduction (or phase-out)",
            _ => "nothing: introduced or phased out",
        };
}
