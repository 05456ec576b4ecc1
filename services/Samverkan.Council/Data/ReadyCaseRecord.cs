namespace Samverkan.Council.Data;

/// <summary>A case Cases marked ready for the council (CaseReadyForCouncil), waiting for or on an agenda.</summary>
public sealed class ReadyCaseRecord
{
    public Guid CaseId { get; set; }

    public string ProductDisplayName { get; set; } = string.Empty;

    public string Manufacturer { get; set; } = string.Empty;

    /// <summary>Programme-area codes as <c>|code|code|</c>.</summary>
    public string ProgrammeAreas { get; set; } = string.Empty;

    /// <summary>The assessment summaries as a JSON array.</summary>
    public string AssessmentSummaries { get; set; } = "[]";

    public DateTime ReadyAt { get; set; }

    /// <summary>The agenda item the case is on; null while it waits.</summary>
    public Guid? AgendaItemId { get; set; }

    public Guid? MeetingId { get; set; }
}
