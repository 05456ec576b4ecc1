using Google.Protobuf.WellKnownTypes;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Procurement;

/// <summary>Records to contract messages, and words for people (pages, summaries, audit details).</summary>
public static class Mapping
{
    public static CoordinationItem ToProto(this CoordinationItemRecord c) => new()
    {
        Name = $"{Worklist.Collection}/{c.ItemId}",
        ItemId = c.ItemId.ToString(),
        RecommendationId = c.RecommendationId.ToString(),
        RecommendationNumber = c.RecommendationNumber,
        CaseId = c.CaseId.ToString(),
        Title = c.Title,
        State = c.State,
        CreateTime = Time(c.CreatedAt),
        ProductDisplayName = c.ProductDisplayName,
        ProgrammeAreaCodes = { c.ProgrammeAreaCodes },
        Strategy = c.Strategy,
        Grounds = c.Grounds,
        RegionCodes = { c.RegionCodes },
        Decision = c.DecidedAt is { } at
            ? new AuditInfo { Actor = new Actor { Subject = c.DecidedBy, Organisation = c.DecidedByOrganisation }, Time = Time(at), Reason = c.Grounds }
            : null,
        RecommendationVersion = c.RecommendationVersion,
        RevisionSummary = c.RevisionSummary,
        ReviseTime = c.RevisedAt is { } revised ? Time(revised) : null,
        Etag = Etags.Etag(c.Revision),
    };

    public static Contract ToProto(this ContractRecord c) => new()
    {
        Name = $"contracts/{c.ContractId}",
        ContractId = c.ContractId.ToString(),
        RegionCode = c.RegionCode,
        SupplierName = c.SupplierName,
        SupplierOrganisationNumber = c.SupplierOrganisationNumber,
        ProductArea = c.ProductArea,
        ProgrammeAreaCode = c.ProgrammeAreaCode,
        CaseIds = { c.CaseIds.Select(id => id.ToString()) },
        StartDate = c.StartDate.ToProto(),
        EndDate = c.EndDate.ToProto(),
        ExtensionEndDates = { c.ExtensionEndDates.Select(d => d.ToProto()) },
    };

    public static RegionContractCoverage ToProto(this RegionCoverage r) => new()
    {
        RegionCode = r.RegionCode,
        RegionName = r.RegionName,
        Covered = r.Covered,
        Contracts = { r.Contracts.Select(ToProto) },
        ExpiryDate = r.Expiry?.ToProto(),
    };

    public static DynamicPurchasingSystem ToProto(this PurchasingSystemRecord s) => new()
    {
        Name = $"{PurchasingSystems.Collection}/{s.SystemId}",
        SystemId = s.SystemId.ToString(),
        Title = s.Title,
        CpvCodes = { s.CpvCodes },
        Categories =
        {
            s.Categories.Select(c => new DynamicPurchasingSystemCategory
            {
                CategoryId = c.CategoryId.ToString(), Title = c.Title, QualificationRequirements = c.QualificationRequirements,
            }),
        },
        ValidityStartDate = s.ValidityStart.ToProto(),
        ValidityEndDate = s.ValidityEnd.ToProto(),
        ProcurementRegionCode = s.ProcurementRegionCode,
        RegionCodes = { s.RegionCodes },
        RecommendationIds = { s.RecommendationIds.Select(id => id.ToString()) },
        State = s.State,
        PublishTime = s.PublishedAt is { } published ? Time(published) : null,
        CloseTime = s.ClosedAt is { } closed ? Time(closed) : null,
        SetUpWindowDays = s.SetUpWindowDays,
        SetUpWindowEndDate = PurchasingSystems.SetUpWindowEnd(s)?.ToProto(),
        Etag = Etags.Etag(s.Revision),
    };

    public static SupplierApplication ToProto(this ApplicationRecord a, DateOnly today) => new()
    {
        Name = $"{Qualification.Collection}/{a.ApplicationId}",
        ApplicationId = a.ApplicationId.ToString(),
        System = $"{PurchasingSystems.Collection}/{a.SystemId}",
        CategoryId = a.CategoryId.ToString(),
        OrganisationNumber = a.OrganisationNumber,
        SupplierName = a.SupplierName,
        ReceiveTime = Time(a.ReceivedAt),
        DueDate = a.DueDate.ToProto(),
        Extended = a.Extended,
        ExtensionReason = a.ExtensionReason,
        Decision = a.Decision,
        DecisionGrounds = a.DecisionGrounds,
        DecideTime = Qualification.DecideTime(a),
        Late = Qualification.IsLate(a, today),
        SetUpPhase = Qualification.SetUpPhase(a),
        Etag = Etags.Etag(a.Revision),
    };

    public static CallOff ToProto(this CallOffRecord c) => new()
    {
        Name = $"{CallOffs.Collection}/{c.CallOffId}",
        CallOffId = c.CallOffId.ToString(),
        System = $"{PurchasingSystems.Collection}/{c.SystemId}",
        CategoryId = c.CategoryId.ToString(),
        Title = c.Title,
        InvitedOrganisationNumbers = { c.InvitedOrganisationNumbers },
        InviteTime = Time(c.InvitedAt),
        TenderDeadline = c.TenderDeadline.ToProto(),
        Tenders =
        {
            c.Tenders.OrderBy(t => t.ReceivedAt).Select(t => new Tender
            {
                OrganisationNumber = t.OrganisationNumber, ReceiveTime = Time(t.ReceivedAt), Price = new Money { CurrencyCode = "SEK", Units = t.PriceSek },
            }),
        },
        State = c.State,
        AwardedOrganisationNumber = c.AwardedOrganisationNumber,
        AwardGrounds = c.AwardGrounds,
    };

    public static InnovationProcurement ToProto(this InnovationRecord p, DateOnly today) => new()
    {
        Name = $"{InnovationProcurements.Collection}/{p.ProcurementId}",
        ProcurementId = p.ProcurementId.ToString(),
        Kind = p.Kind,
        Title = p.Title,
        NeedStatement = p.NeedStatement,
        Partners =
        {
            p.Partners.OrderBy(x => x.OrganisationNumber, StringComparer.Ordinal).Select(x => new InnovationPartner
            {
                OrganisationNumber = x.OrganisationNumber, Name = x.Name, Dropped = x.DroppedAfter != InnovationPhase.Unspecified, DroppedAfter = x.DroppedAfter,
            }),
        },
        Milestones =
        {
            p.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Phase).Select(m => new InnovationMilestone
            {
                Phase = m.Phase,
                InterimTarget = m.InterimTarget,
                TargetDate = m.TargetDate.ToProto(),
                ReachTime = m.ReachedAt is { } reached ? Time(reached) : null,
                Overdue = InnovationProcurements.IsOverdue(m, today),
            }),
        },
        CurrentPhase = p.CurrentPhase,
        RecommendationIds = { p.RecommendationIds.Select(id => id.ToString()) },
        RegionCodes = { p.RegionCodes },
        Etag = Etags.Etag(p.Revision),
    };

    public static string Describe(PurchasingStrategy strategy) => strategy switch
    {
        PurchasingStrategy.ExistingContracts => "use the regions' existing contracts",
        PurchasingStrategy.JointProcurement => "joint procurement",
        PurchasingStrategy.DynamicPurchasingSystem => "a dynamic purchasing system",
        PurchasingStrategy.InnovationPartnership => "an innovation partnership",
        PurchasingStrategy.Negotiation => "negotiation",
        PurchasingStrategy.NoAction => "no action",
        _ => "not decided",
    };

    /// <summary>A worklist item's state as the coordinator reads it; a reopened item says which revision reopened it.</summary>
    public static string Describe(CoordinationItemState state, string revisionSummary) => state switch
    {
        CoordinationItemState.Decided => "Decided",
        CoordinationItemState.Reopened => $"Reopened: confirm or change the strategy ({revisionSummary})",
        _ => "Open",
    };

    public static string Describe(DynamicPurchasingSystemState state) => state switch
    {
        DynamicPurchasingSystemState.Draft => "a draft",
        DynamicPurchasingSystemState.Published => "published",
        DynamicPurchasingSystemState.Closed => "closed",
        _ => "unknown",
    };

    public static string Describe(QualificationDecision decision) => decision switch
    {
        QualificationDecision.Admitted => "admitted",
        QualificationDecision.Rejected => "rejected",
        _ => "undecided",
    };

    private static Timestamp Time(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
