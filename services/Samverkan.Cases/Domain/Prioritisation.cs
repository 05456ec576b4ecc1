namespace Samverkan.Cases.Domain;

/// <summary>How a nominated case meets the national prioritisation criteria.</summary>
[GenerateSerializer, Alias("samverkan.cases.prioritisation")]
public sealed class Prioritisation
{
    [Id(0)] public bool PatientNear { get; init; }
    [Id(1)] public bool LargeVolumeOrCost { get; init; }

    /// <summary>The estimated total cost in whole SEK, when known.</summary>
    [Id(2)] public long? EstimatedTotalCostSek { get; init; }

    [Id(3)] public bool RiskOfUnequalUse { get; init; }
    [Id(4)] public bool LargePatientValue { get; init; }
    [Id(5)] public string Grounds { get; init; } = string.Empty;
    [Id(6)] public DateTimeOffset PrioritisedAt { get; init; }
}

/// <summary>The preparation group's decision to accept or decline a nominated case.</summary>
[GenerateSerializer, Alias("samverkan.cases.case-decision")]
public sealed class CaseDecision
{
    [Id(0)] public bool Accepted { get; init; }

    /// <summary>The advice to the regions until the council has decided; "avvakta" unless said otherwise.</summary>
    [Id(1)] public Outcome InterimAdvice { get; init; }

    [Id(2)] public string Grounds { get; init; } = string.Empty;
    [Id(3)] public AuditActor Actor { get; init; } = new();
    [Id(4)] public DateTimeOffset DecidedAt { get; init; }
}

/// <summary>The council's outcomes. Numbers match <c>samverkan.common.v1.RecommendationOutcome</c>.</summary>
public enum Outcome
{
    ShouldUse = 1,
    CanUse = 2,
    Refrain = 3,
    Await = 4,
}
