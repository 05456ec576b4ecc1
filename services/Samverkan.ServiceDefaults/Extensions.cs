using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Health;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.ServiceDefaults.Telemetry;

namespace Samverkan.ServiceDefaults;

/// <summary>The defaults every Samverkan host starts with, whether it runs one service or all five.</summary>
public static class Extensions
{
    /// <summary>Telemetry, health, endpoints, gRPC with the error model and reflection, authentication and the clock.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        // The clock first: authentication registers the system TimeProvider, which would hide the controllable one.
        builder.AddClock();
        builder.AddEndpoints();
        builder.AddTelemetry(serviceName);
        builder.AddHealth();
        builder.AddAuthenticationAndRoles();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorInterceptor>();
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
        });
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps health endpoints, gRPC health and reflection, and turns on authentication.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapClock();
        app.MapGrpcReflectionService();
        return app;
    }
}
