using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Grains;

/// <summary>
/// A product's persisted state: its case and the case's audit trail. Fields only ever get new ids; an id is
/// never reused or renumbered, so state written by an earlier version still reads (see the compatibility test).
/// </summary>
[GenerateSerializer, Alias("samverkan.cases.product-state")]
public sealed class ProductState
{
    /// <summary>Increases with every change; the case's etag.</summary>
    [Id(0)] public int Version { get; set; }

    [Id(1)] public Guid RequestId { get; set; }

    [Id(2)] public ProductDetails? Product { get; set; }

    [Id(3)] public CaseStatus Status { get; set; }

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The case's audit trail, oldest first; entries are only ever appended.</summary>
    [Id(6)] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>Events of the latest change not yet copied to the relational outbox (stored with the change, see <see cref="ProductGrain"/>).</summary>
    [Id(7)] public List<PendingEvent> PendingEvents { get; set; } = [];

    [Id(8)] public Prioritisation? Prioritisation { get; set; }

    [Id(9)] public CaseDecision? Decision { get; set; }

    [Id(10)] public List<Assessment> Assessments { get; set; } = [];

    [Id(11)] public RecommendationSummary? Recommendation { get; set; }

    [Id(12)] public List<ProcurementActivity> ProcurementActivities { get; set; } = [];

    [Id(13)] public List<RegionFollowUp> RegionFollowUps { get; set; } = [];

    [Id(14)] public string ClosureGrounds { get; set; } = string.Empty;

    /// <summary>Timers of the latest change not yet in the relational timer table (stored with the change, like events).</summary>
    [Id(15)] public List<PendingTimer> PendingTimers { get; set; } = [];

    public bool IsRegistered => Product is not null;
}

/// <summary>One change in a case's audit trail: who, when, what and why.</summary>
[GenerateSerializer, Alias("samverkan.cases.timeline-entry")]
public sealed class TimelineEntry
{
    [Id(0)] public int Version { get; set; }
    [Id(1)] public DateTimeOffset At { get; set; }
    [Id(2)] public AuditActor Actor { get; set; } = new();

    /// <summary>What happened, e.g. <c>registered</c>, <c>nominated</c>.</summary>
    [Id(3)] public string What { get; set; } = string.Empty;

    [Id(4)] public string Why { get; set; } = string.Empty;

    /// <summary>The state after the change.</summary>
    [Id(5)] public CaseStatus Status { get; set; }

    /// <summary>What changed, in brief, beyond the state.</summary>
    [Id(6)] public string Details { get; set; } = string.Empty;
}

/// <summary>An event produced by a change, kept in grain state until it is in the relational outbox.</summary>
[GenerateSerializer, Alias("samverkan.cases.pending-event")]
public sealed class PendingEvent
{
    [Id(0)] public string EventId { get; set; } = string.Empty;
    [Id(1)] public string Type { get; set; } = string.Empty;
    [Id(2)] public string DataJson { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset OccurredAt { get; set; }
    [Id(4)] public string? TraceParent { get; set; }
}

/// <summary>A durable timer to schedule (or cancel) for a change, kept in grain state until it is in the timer table.</summary>
[GenerateSerializer, Alias("samverkan.cases.pending-timer")]
public sealed class PendingTimer
{
    [Id(0)] public string Kind { get; set; } = string.Empty;
    [Id(1)] public string Key { get; set; } = string.Empty;
    [Id(2)] public DateTimeOffset DueAt { get; set; }
    [Id(3)] public bool Cancel { get; set; }
}
