using Samverkan.Cases.Domain;

namespace Samverkan.Cases.Data;

/// <summary>An ordered assessment as the overdue list reads it; written only by <see cref="CaseProjection"/>.</summary>
public sealed class AssessmentRecord
{
    public Guid AssessmentId { get; set; }

    public Guid CaseId { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    public Assessor Assessor { get; set; }

    public string AssessorUnit { get; set; } = string.Empty;

    public string Question { get; set; } = string.Empty;

    public DateOnly ExpectedDeliveryDate { get; set; }

    public DateTime OrderedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public bool Overdue { get; set; }

    /// <summary>Whether the case is still open; a closed case's assessments are no longer awaited.</summary>
    public bool CaseOpen { get; set; }
}
