using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Data;

/// <summary>A dynamic purchasing system (8 kap. LOU).</summary>
public sealed class PurchasingSystemRecord
{
    public Guid SystemId { get; set; }

    public required string Title { get; set; }

    public List<string> CpvCodes { get; set; } = [];

    public List<CategoryRecord> Categories { get; set; } = [];

    public DateOnly ValidityStart { get; set; }

    public DateOnly ValidityEnd { get; set; }

    public required string ProcurementRegionCode { get; set; }

    public List<string> RegionCodes { get; set; } = [];

    public List<Guid> RecommendationIds { get; set; } = [];

    /// <summary>The products of the linked recommendations, kept for events and the per-product view.</summary>
    public List<Guid> CaseIds { get; set; } = [];

    public DynamicPurchasingSystemState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Days after publication the first application window of the set-up phase lasts.</summary>
    public int SetUpWindowDays { get; set; }

    /// <summary>The etag: raised by every change.</summary>
    public int Revision { get; set; }

    /// <summary>
    /// Raised by every admission and every call-off, apart from the etag (an admission does not make the coordinator's
    /// copy of the system stale). As a concurrency token it makes a call-off and an admission committed between the
    /// call-off's check that every admitted supplier is invited and its write refuse each other: no call-off leaves out a
    /// supplier admitted while it was being created.
    /// </summary>
    public int AdmissionsVersion { get; set; }
}

/// <summary>A category of a system, with its own qualification requirements.</summary>
public sealed class CategoryRecord
{
    public Guid CategoryId { get; set; }

    public Guid SystemId { get; set; }

    public required string Title { get; set; }

    public required string QualificationRequirements { get; set; }
}

/// <summary>A supplier's application to one category and its qualification decision.</summary>
public sealed class ApplicationRecord
{
    public Guid ApplicationId { get; set; }

    public Guid SystemId { get; set; }

    public Guid CategoryId { get; set; }

    public required string OrganisationNumber { get; set; }

    public required string SupplierName { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateOnly DueDate { get; set; }

    /// <summary>The last day of the system's first application window while the set-up phase applies; null once the first call-off has ended it.</summary>
    public DateOnly? SetUpWindowEnd { get; set; }

    public bool Extended { get; set; }

    public string ExtensionReason { get; set; } = string.Empty;

    public QualificationDecision Decision { get; set; }

    public string DecisionGrounds { get; set; } = string.Empty;

    public DateTime? DecidedAt { get; set; }

    /// <summary>The etag: raised by every change.</summary>
    public int Revision { get; set; }
}

/// <summary>A call-off within one category: the invited suppliers, the tender deadline, the tenders and the award.</summary>
public sealed class CallOffRecord
{
    public Guid CallOffId { get; set; }

    public Guid SystemId { get; set; }

    public Guid CategoryId { get; set; }

    public required string Title { get; set; }

    public List<string> InvitedOrganisationNumbers { get; set; } = [];

    public DateTime InvitedAt { get; set; }

    public DateOnly TenderDeadline { get; set; }

    public List<TenderRecord> Tenders { get; set; } = [];

    public CallOffState State { get; set; }

    public string AwardedOrganisationNumber { get; set; } = string.Empty;

    public string AwardGrounds { get; set; } = string.Empty;
}

/// <summary>One invited supplier's tender.</summary>
public sealed class TenderRecord
{
    public Guid CallOffId { get; set; }

    public required string OrganisationNumber { get; set; }

    public DateTime ReceivedAt { get; set; }

    public long PriceSek { get; set; }
}
