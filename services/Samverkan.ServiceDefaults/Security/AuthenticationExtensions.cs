using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Samverkan.ServiceDefaults.Security;

/// <summary>
/// JWT bearer authentication. Issuer, audiences and signing keys come from <c>Authentication:Schemes:Bearer</c>
/// (an OIDC authority in Kubernetes; <c>dotnet user-jwts</c> keys locally).
/// </summary>
public static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddAuthenticationAndRoles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Claims keep their JWT names (sub, role, region, org) instead of the WS-* URIs.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = ClaimNames.Subject;
                options.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                // Tokens expire in real time: a controllable clock moves the domain's deadlines, not the tokens'.
                options.TimeProvider = TimeProvider.System;
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
