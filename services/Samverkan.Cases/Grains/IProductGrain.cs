using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Grains;

/// <summary>One product and its case, keyed by the case id. All changes to a case go through its grain.</summary>
[Alias("samverkan.cases.IProductGrain")]
public interface IProductGrain : IGrainWithGuidKey
{
    /// <summary>Registers the product and opens its case; repeating the same request returns the first result.</summary>
    [Alias("register")]
    Task<CaseSnapshot> RegisterAsync(RegisterProduct command);

    /// <summary>The case, or null when no product has been registered under this id.</summary>
    [Alias("get")]
    Task<CaseSnapshot?> GetAsync();
}

/// <summary>Register a product from horizon scanning.</summary>
[GenerateSerializer, Alias("samverkan.cases.register-product")]
public sealed class RegisterProduct
{
    [Id(0)] public Guid RequestId { get; init; }
    [Id(1)] public ProductDetails Product { get; init; } = new();
    [Id(2)] public AuditActor Actor { get; init; } = new();
}

/// <summary>A read of a case at one version.</summary>
[GenerateSerializer, Alias("samverkan.cases.case-snapshot")]
public sealed class CaseSnapshot
{
    [Id(0)] public Guid CaseId { get; init; }
    [Id(1)] public int Version { get; init; }
    [Id(2)] public ProductDetails Product { get; init; } = new();
    [Id(3)] public CaseStatus Status { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
}
