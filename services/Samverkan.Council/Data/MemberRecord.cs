using Samverkan.Council.V1;

namespace Samverkan.Council.Data;

/// <summary>A person on the council and their mandate.</summary>
public sealed class MemberRecord
{
    public Guid MemberId { get; set; }

    /// <summary>The token subject the person signs in with.</summary>
    public string Subject { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public MemberRole Role { get; set; }

    /// <summary>Empty for the municipal representative and the secretary.</summary>
    public string HealthcareRegionCode { get; set; } = string.Empty;

    public DateOnly TermStart { get; set; }

    public DateOnly TermEnd { get; set; }

    /// <summary>The etag; a concurrency token, so two changes from the same read cannot both win.</summary>
    public int Revision { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool SitsOn(DateOnly date) => TermStart <= date && date <= TermEnd;

    /// <summary>Whether the seat takes part in decisions (the secretary keeps the minutes).</summary>
    public bool Decides => Role != MemberRole.Secretary;
}
