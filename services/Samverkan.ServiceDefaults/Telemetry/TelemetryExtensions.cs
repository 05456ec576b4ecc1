using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Samverkan.ServiceDefaults.Telemetry;

/// <summary>Traces, metrics and logs for the operators' dashboards, exported over OTLP when a collector is configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>The activity source and meter every Samverkan module writes its own spans and measurements to.</summary>
    public const string SourceName = "Samverkan";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName,
                serviceNamespace: "samverkan"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SourceName))
            .WithTracing(tracing => tracing
                .AddSource(SourceName)
                .AddSource("Microsoft.Orleans.Runtime")
                .AddSource("Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the traces operators look for.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz")
                        && !context.Request.Path.StartsWithSegments("/readyz"))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
