using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samverkan.Eventing;
using Samverkan.Eventing.Dapr;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;
using Samverkan.Platform.Tests.Eventing.DaprSidecar;
using Samverkan.Testing;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>
/// The publish side of the Dapr contract: what DaprClient sends to the sidecar's gRPC API when the relay publishes.
/// daprd is not available here, so a stand-in serves the same service and method and records the call.
/// </summary>
public sealed class DaprContractTests : IAsyncLifetime
{
    private readonly SidecarStandIn _sidecar = new();
    private WebApplication _app = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(_port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_sidecar);
        _app = builder.Build();
        _app.MapGrpcService<SidecarStandIn>();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_event_is_published_as_a_complete_CloudEvent_on_the_topic_named_after_its_type()
    {
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_port}").Build();
        var bus = new DaprEventBus(dapr, Options.Create(new EventingOptions { PubSubName = "pubsub" }));
        var occurred = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var envelope = OutboxMessage.Create(new CaseOpened { CaseId = "c-42", ProductDisplayName = "Stent" }, "samverkan/cases", occurred).ToEnvelope();

        await bus.PublishAsync(envelope, CancellationToken.None);

        var call = Assert.Single(_sidecar.Calls);
        Assert.Equal("pubsub", call.PubsubName);
        Assert.Equal("samverkan.events.v1.CaseOpened", call.Topic);
        Assert.Equal("application/cloudevents+json", call.DataContentType);
        using var cloudEvent = JsonDocument.Parse(call.Data.ToStringUtf8());
        var root = cloudEvent.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(envelope.Id, root.GetProperty("id").GetString());
        Assert.Equal("samverkan.events.v1.CaseOpened", root.GetProperty("type").GetString());
        Assert.Equal("samverkan/cases", root.GetProperty("source").GetString());
        Assert.Equal(occurred, DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("c-42", root.GetProperty("data").GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task A_sidecar_that_refuses_makes_the_publish_fail_so_the_relay_retries()
    {
        _sidecar.Refuse = true;
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint($"http://127.0.0.1:{_port}").Build();
        var bus = new DaprEventBus(dapr, Options.Create(new EventingOptions()));
        var envelope = OutboxMessage.Create(new CaseOpened { CaseId = "c-43" }, "samverkan/cases", DateTimeOffset.UtcNow).ToEnvelope();

        await Assert.ThrowsAnyAsync<Exception>(() => bus.PublishAsync(envelope, CancellationToken.None));
    }

    /// <summary>Serves dapr.proto.runtime.v1.Dapr/PublishEvent and records what it receives.</summary>
    public sealed class SidecarStandIn : DaprSidecar.Dapr.DaprBase
    {
        public List<PublishEventRequest> Calls { get; } = [];

        public bool Refuse { get; set; }

        public override Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
        {
            if (Refuse)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "pub/sub component not ready"));
            }

            Calls.Add(request);
            return Task.FromResult(new Empty());
        }
    }
}
