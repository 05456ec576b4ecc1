namespace Samverkan.ServiceDefaults.Errors;

/// <summary>
/// The domain's errors. Each maps to one gRPC status in <see cref="ErrorInterceptor"/>; they are Orleans-serializable
/// because grains throw them across the silo boundary.
/// </summary>
[GenerateSerializer, Alias("samverkan.errors.invalid-request")]
public sealed class InvalidRequestException(IReadOnlyList<FieldProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}")))
{
    [Id(0)]
    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}

/// <summary>One bad field in a request: the field's path (e.g. <c>product.risk_class</c>) and what is wrong with it.</summary>
[GenerateSerializer, Alias("samverkan.errors.field-problem")]
public sealed record FieldProblem([property: Id(0)] string Field, [property: Id(1)] string Description);

/// <summary>The resource does not exist (gRPC <c>NotFound</c>).</summary>
[GenerateSerializer, Alias("samverkan.errors.not-found")]
public sealed class NotFoundException(string resourceName)
    : Exception($"{resourceName} was not found.")
{
    [Id(0)]
    public string ResourceName { get; } = resourceName;
}

/// <summary>
/// The request is valid but not allowed in the resource's current state (gRPC <c>FailedPrecondition</c>),
/// e.g. an illegal state transition; <paramref name="subject"/> names what the precondition is about.
/// </summary>
[GenerateSerializer, Alias("samverkan.errors.failed-precondition")]
public sealed class FailedPreconditionException(string reason, string subject, string message)
    : Exception(message)
{
    /// <summary>A stable, machine-readable reason, e.g. <c>ILLEGAL_TRANSITION</c>.</summary>
    [Id(0)]
    public string Reason { get; } = reason;

    /// <summary>What the precondition is about, e.g. <c>cases/7c…</c>.</summary>
    [Id(1)]
    public string Subject { get; } = subject;
}

/// <summary>The caller's etag is stale: someone else changed the resource first (gRPC <c>Aborted</c>).</summary>
[GenerateSerializer, Alias("samverkan.errors.etag-mismatch")]
public sealed class EtagMismatchException(string resourceName, string currentEtag)
    : Exception($"{resourceName} has changed (etag {currentEtag}); read it again and retry.")
{
    [Id(0)]
    public string ResourceName { get; } = resourceName;

    [Id(1)]
    public string CurrentEtag { get; } = currentEtag;
}

/// <summary>The caller is authenticated but may not do this (gRPC <c>PermissionDenied</c>), e.g. another region's follow-up.</summary>
[GenerateSerializer, Alias("samverkan.errors.permission-denied")]
public sealed class PermissionDeniedException(string reason, string message, string? field = null)
    : Exception(message)
{
    [Id(0)]
    public string Reason { get; } = reason;

    /// <summary>The request field naming what the caller may not act on, if one does; sent as a field violation too.</summary>
    [Id(1)]
    public string? Field { get; } = field;
}
