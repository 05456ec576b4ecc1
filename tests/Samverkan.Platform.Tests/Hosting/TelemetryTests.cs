using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Samverkan.ServiceDefaults;
using Samverkan.Testing;

namespace Samverkan.Platform.Tests.Hosting;

/// <summary>Operators' dashboards get the services' traces over OTLP, named by service, once a collector is configured.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private WebApplication _collector = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(_port, o => o.Protocols = HttpProtocols.Http1));
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task A_request_is_traced_to_the_collector_under_the_services_name()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{_port}";
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults("samverkan-telemetry-test");
        await using var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGet("/registered-products", () => "ok");
        await app.StartAsync();
        using var client = app.GetTestClient();
        var tracing = app.Services.GetRequiredService<TracerProvider>();

        // An export that times out on a loaded machine is dropped, not retried: while none has arrived, the probe makes a
        // new request (at most every two seconds) and flushes, so the test waits for a trace rather than for one attempt.
        var lastRequest = DateTime.MinValue;
        var traces = await Eventually.Until(
            async () =>
            {
                if (DateTime.UtcNow - lastRequest > TimeSpan.FromSeconds(2))
                {
                    lastRequest = DateTime.UtcNow;
                    using var response = await client.GetAsync(new Uri("/registered-products", UriKind.Relative));
                    tracing.ForceFlush(5_000);
                }

                return _received.Where(r => r.Path == "/v1/traces").Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
            },
            bodies => bodies.Any(b => b.Contains("/registered-products", StringComparison.Ordinal)),
            timeout: TimeSpan.FromSeconds(60), what: "the request's span at the collector");
        Assert.Contains(traces, b => b.Contains("samverkan-telemetry-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_collector_nothing_is_exported()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults("samverkan-telemetry-test");
        var app = builder.Build();
        app.MapServiceDefaults();
        await app.StartAsync();
        await app.GetTestClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        await app.DisposeAsync();

        Assert.Empty(_received);
    }
}
