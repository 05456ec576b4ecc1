using Samverkan.Council.V1;

namespace Samverkan.Council.Data;

/// <summary>A council meeting; its agenda items, conflicts and decisions change under its etag.</summary>
public sealed class MeetingRecord
{
    public Guid MeetingId { get; set; }

    public DateOnly MeetingDate { get; set; }

    public string Location { get; set; } = string.Empty;

    public MeetingState State { get; set; }

    public string Minutes { get; set; } = string.Empty;

    /// <summary>Member ids as <c>|id|id|</c>.</summary>
    public string MinutesApprovedBy { get; set; } = string.Empty;

    /// <summary>The etag; a concurrency token.</summary>
    public int Revision { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<AgendaItemRecord> AgendaItems { get; set; } = [];
}

/// <summary>One item of a meeting's agenda: a case to decide on, or another item.</summary>
public sealed class AgendaItemRecord
{
    public Guid AgendaItemId { get; set; }

    public Guid MeetingId { get; set; }

    public int Position { get; set; }

    public Guid? CaseId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>The recommendation decided on the item; null until decided.</summary>
    public Guid? RecommendationId { get; set; }

    public int? RecommendationVersion { get; set; }

    public List<ConflictRecord> Conflicts { get; set; } = [];
}

/// <summary>A member's declared conflict of interest on an agenda item; kept and shown with the decision.</summary>
public sealed class ConflictRecord
{
    public long Id { get; set; }

    public Guid AgendaItemId { get; set; }

    public Guid MemberId { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string DeclaredBySubject { get; set; } = string.Empty;

    public string DeclaredByOrganisation { get; set; } = string.Empty;

    public DateTime DeclaredAt { get; set; }
}
