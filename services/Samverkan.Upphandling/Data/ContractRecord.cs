namespace Samverkan.Upphandling.Data;

/// <summary>A region's existing contract: who supplies what, from when to when, and how far it can be extended.</summary>
public sealed class ContractRecord
{
    public Guid ContractId { get; set; }

    public required string RegionCode { get; set; }

    public required string SupplierName { get; set; }

    public required string SupplierOrganisationNumber { get; set; }

    public required string ProductArea { get; set; }

    public string ProgrammeAreaCode { get; set; } = string.Empty;

    public List<Guid> CaseIds { get; set; } = [];

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public List<DateOnly> ExtensionEndDates { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>The last day the contract can last, every extension option used.</summary>
    public DateOnly LatestEndDate => ExtensionEndDates.Count == 0 ? EndDate : ExtensionEndDates.Max();
}
