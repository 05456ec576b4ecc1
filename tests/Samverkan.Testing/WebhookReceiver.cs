using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Samverkan.Testing;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) with one endpoint per test subscriber, each told how to behave: fail a
/// number of times, or hold every request until released. It records every request it gets.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Endpoint> _endpoints = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{name}", (string name, HttpRequest request) => receiver.ReceiveAsync(name, request));
        await receiver._app.StartAsync();
        return receiver;
    }

    public Endpoint Add(string name, int failures = 0, bool hold = false) =>
        _endpoints[name] = new Endpoint(new Uri(BaseAddress, $"/hooks/{name}"), failures, hold);

    private Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        var endpoint = _endpoints[name];
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var inFlight = Interlocked.Increment(ref endpoint.InFlight);
        lock (endpoint)
        {
            endpoint.MaxInFlight = Math.Max(endpoint.MaxInFlight, inFlight);
        }

        try
        {
            if (endpoint.Gate is { } gate)
            {
                // A sender that gave up (its timeout) ends the request here too, so only live requests count as in flight.
                await gate.Task.WaitAsync(request.HttpContext.RequestAborted);
            }

            var fail = Interlocked.Decrement(ref endpoint.FailuresLeft) >= 0;
            endpoint.Received.Enqueue(new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, fail ? 500 : 204));
            return fail ? Results.StatusCode(500) : Results.NoContent();
        }
        finally
        {
            Interlocked.Decrement(ref endpoint.InFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            endpoint.Release();
        }

        await _app.DisposeAsync();
    }

    public sealed class Endpoint(Uri url, int failures, bool hold)
    {
        public Uri Url { get; } = url;

        public ConcurrentQueue<Received> Received { get; } = new();

        internal int FailuresLeft = failures;

        internal int InFlight;

        public int MaxInFlight { get; internal set; }

        internal TaskCompletionSource? Gate { get; } = hold ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

        public void Release() => Gate?.TrySetResult();
    }

    public sealed record Received(string Id, string Timestamp, string Signature, string Body, int Status)
    {
        /// <summary>What a receiver does, written from the Standard Webhooks specification rather than with the service's code.</summary>
        public bool IsSignedWith(string secret)
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
            return Signature.Split(' ').Contains(expected);
        }
    }
}
