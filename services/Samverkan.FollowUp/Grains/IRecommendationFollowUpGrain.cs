namespace Samverkan.FollowUp.Grains;

/// <summary>
/// The 21 regions' follow-ups of one recommendation, keyed by the recommendation id. Every change to them goes
/// through this grain, one at a time, so 21 regions reporting at the same moment never lose an update.
/// </summary>
[Alias("samverkan.followup.IRecommendationFollowUpGrain")]
public interface IRecommendationFollowUpGrain : IGrainWithGuidKey
{
    /// <summary>Opens a follow-up per region; a repeated or older publication changes nothing.</summary>
    [Alias("open")]
    Task OpenAsync(PublishedVersion published);

    /// <summary>Moves the follow-ups to a newer version and asks decided regions to confirm; older versions change nothing.</summary>
    [Alias("revise")]
    Task ReviseAsync(PublishedVersion revised);

    [Alias("report-stage")]
    Task ReportStageAsync(StageCommand command);

    [Alias("correct-stage")]
    Task CorrectStageAsync(StageCommand command);

    [Alias("confirm-decision")]
    Task ConfirmDecisionAsync(ConfirmCommand command);

    [Alias("report-uptake")]
    Task ReportUptakeAsync(UptakeCommand command);

    /// <summary>The deadline timer fired: every region still undecided becomes overdue, once.</summary>
    [Alias("deadline-passed")]
    Task DeadlinePassedAsync();
}

/// <summary>A version of the recommendation as the council published it.</summary>
[GenerateSerializer, Alias("samverkan.followup.published-version")]
public sealed class PublishedVersion
{
    [Id(0)] public string Number { get; init; } = string.Empty;
    [Id(1)] public int Version { get; init; }
    [Id(2)] public Guid CaseId { get; init; }
    [Id(3)] public string ProductDisplayName { get; init; } = string.Empty;
    [Id(4)] public DateOnly Deadline { get; init; }
    [Id(5)] public DateTimeOffset PublishedAt { get; init; }
    [Id(6)] public Reporter Actor { get; init; } = new();
    [Id(7)] public string Reason { get; init; } = string.Empty;
}

/// <summary>Who made a change, from their token or the event.</summary>
[GenerateSerializer, Alias("samverkan.followup.reporter")]
public sealed class Reporter
{
    [Id(0)] public string Subject { get; init; } = string.Empty;
    [Id(1)] public string Organisation { get; init; } = string.Empty;
    [Id(2)] public string RegionCode { get; init; } = string.Empty;
}

/// <summary>Report or correct one region's stage; a report moves forward only, a correction may go back.</summary>
[GenerateSerializer, Alias("samverkan.followup.stage-command")]
public sealed class StageCommand
{
    [Id(0)] public string RegionCode { get; init; } = string.Empty;
    [Id(1)] public int Stage { get; init; }
    [Id(2)] public DateOnly Date { get; init; }
    [Id(3)] public string DocumentUri { get; init; } = string.Empty;
    [Id(4)] public int Decision { get; init; }
    [Id(5)] public string DecisionGrounds { get; init; } = string.Empty;
    [Id(6)] public string DecisionReference { get; init; } = string.Empty;

    /// <summary>The etag the caller read; null skips the check.</summary>
    [Id(7)] public int? ExpectedVersion { get; init; }
    [Id(8)] public string Reason { get; init; } = string.Empty;
    [Id(9)] public Reporter Actor { get; init; } = new();
}

[GenerateSerializer, Alias("samverkan.followup.confirm-command")]
public sealed class ConfirmCommand
{
    [Id(0)] public string RegionCode { get; init; } = string.Empty;
    [Id(1)] public int? ExpectedVersion { get; init; }
    [Id(2)] public string Reason { get; init; } = string.Empty;
    [Id(3)] public Reporter Actor { get; init; } = new();
}

[GenerateSerializer, Alias("samverkan.followup.uptake-command")]
public sealed class UptakeCommand
{
    [Id(0)] public string RegionCode { get; init; } = string.Empty;
    [Id(1)] public int Year { get; init; }
    [Id(2)] public int Quarter { get; init; }
    [Id(3)] public int Measure { get; init; }
    [Id(4)] public double Value { get; init; }
    [Id(5)] public string Reason { get; init; } = string.Empty;
    [Id(6)] public Reporter Actor { get; init; } = new();
}
