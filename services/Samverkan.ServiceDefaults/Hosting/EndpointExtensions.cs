using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;

namespace Samverkan.ServiceDefaults.Hosting;

/// <summary>
/// Two Kestrel endpoints: cleartext HTTP/2 for gRPC, HTTP/1.1 for probes, Dapr callbacks and pages.
/// Kestrel cannot serve prior-knowledge HTTP/2 and HTTP/1.1 on one cleartext port, and daprd and probes speak HTTP/1.1.
/// </summary>
public static class EndpointExtensions
{
    /// <summary>The gRPC endpoint: <c>--urls</c> / <c>ASPNETCORE_URLS</c> when given, else <c>Endpoints:Grpc</c>.</summary>
    public const string GrpcKey = "Endpoints:Grpc";

    /// <summary>The HTTP/1.1 endpoint.</summary>
    public const string HttpKey = "Endpoints:Http";

    public static IHostApplicationBuilder AddEndpoints(this IHostApplicationBuilder builder)
    {
        if (builder is not WebApplicationBuilder web)
        {
            return builder;
        }

        var grpcUrls = Split(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? builder.Configuration[GrpcKey] ?? "http://0.0.0.0:8080");
        var httpUrls = Split(builder.Configuration[HttpKey] ?? "http://0.0.0.0:8081");

        // The addresses are bound below with their protocols; an unused --urls would only make Kestrel warn.
        web.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in grpcUrls)
            {
                Listen(kestrel, url, HttpProtocols.Http2);
            }

            foreach (var url in httpUrls)
            {
                Listen(kestrel, url, HttpProtocols.Http1);
            }
        });
        return builder;
    }

    private static string[] Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"Endpoint '{url}' must be http://: TLS is terminated by the mesh (Dapr mTLS) or the ingress.");
        }

        if (uri.IsLoopback && uri.Host == "localhost")
        {
            kestrel.ListenLocalhost(uri.Port, o => o.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(uri.Host), uri.Port, o => o.Protocols = protocols);
        }
    }
}
