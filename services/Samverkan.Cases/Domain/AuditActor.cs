namespace Samverkan.Cases.Domain;

/// <summary>Who made a change, from their token: the audit trail's "who".</summary>
[GenerateSerializer, Alias("samverkan.cases.audit-actor")]
public sealed class AuditActor
{
    [Id(0)] public string Subject { get; init; } = string.Empty;
    [Id(1)] public string Organisation { get; init; } = string.Empty;
    [Id(2)] public string RegionCode { get; init; } = string.Empty;
}
