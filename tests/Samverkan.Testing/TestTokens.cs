using System.Security.Claims;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Samverkan.Testing;

/// <summary>
/// Bearer tokens signed with a key the hosts under test are configured to trust, shaped like the platform's real
/// tokens (sub, role, region, org) — the same claims <c>dotnet user-jwts</c> gives locally.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "samverkan-tests";
    public const string Audience = "samverkan";

    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration that makes a host trust these tokens.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    public static string For(string role, string? region = null, string subject = "tester", string organisation = "Testregionen")
    {
        var claims = new List<Claim> { new("sub", subject), new("org", organisation), new("role", role) };
        if (region is not null)
        {
            claims.Add(new Claim("region", region));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Call metadata carrying a token for <paramref name="role"/>.</summary>
    public static Metadata As(string role, string? region = null, string subject = "tester") =>
        new() { { "Authorization", "Bearer " + For(role, region, subject) } };
}
