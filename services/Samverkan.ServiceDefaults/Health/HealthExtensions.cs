using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Samverkan.ServiceDefaults.Health;

/// <summary>
/// Liveness (<c>/healthz</c>), readiness (<c>/readyz</c>) and <c>grpc.health.v1</c>, in every environment:
/// Kubernetes probes production, not Development.
/// </summary>
public static class HealthExtensions
{
    /// <summary>Tag of checks that must pass before the service takes traffic (databases, the silo).</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains("live") });
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
