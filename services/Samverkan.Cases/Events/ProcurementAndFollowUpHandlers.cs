using Samverkan.Eventing;
using Samverkan.Events.V1;

namespace Samverkan.Cases.Events;

/// <summary>Procurement activity touching products: each product's case shows the activity at its latest change.</summary>
public sealed class ProcurementStatusChangedHandler(IGrainFactory grains) : IEventHandler<ProcurementStatusChanged>
{
    public Task HandleAsync(IncomingEvent<ProcurementStatusChanged> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        var report = new Grains.ProcurementReported
        {
            EventId = incoming.Id,
            Actor = Reports.Actor(e.Audit),
            At = Reports.At(incoming, e.Audit),
            ProcurementId = e.ProcurementId,
            Title = e.Title,
            // The contract's name for the change (PROCUREMENT_CHANGE_…), the same in every language, not the C# one.
            Change = ProcurementStatusChanged.Descriptor.FindFieldByNumber(ProcurementStatusChanged.ChangeFieldNumber)
                .EnumType.FindValueByNumber((int)e.Change)?.Name ?? e.Change.ToString(),
            Summary = e.Summary,
        };
        return Task.WhenAll(e.CaseIds.Where(Reports.IsCaseId).Distinct().Select(id => grains.Product(id).ProcurementReportedAsync(report)));
    }
}

/// <summary>A region reported its handling of the product's recommendation.</summary>
public sealed class FollowUpReportedHandler(IGrainFactory grains) : IEventHandler<FollowUpReported>
{
    public Task HandleAsync(IncomingEvent<FollowUpReported> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        return !Reports.IsCaseId(e.CaseId)
            ? Task.CompletedTask
            : grains.Product(e.CaseId).FollowUpReportedAsync(Reports.FollowUp(incoming, e.RegionCode, (int)e.Stage, (int)e.Decision, overdue: false, e.Audit));
    }
}

/// <summary>A region passed its follow-up deadline undecided.</summary>
public sealed class FollowUpOverdueHandler(IGrainFactory grains) : IEventHandler<FollowUpOverdue>
{
    public Task HandleAsync(IncomingEvent<FollowUpOverdue> incoming, CancellationToken cancellationToken)
    {
        var e = incoming.Data;
        return !Reports.IsCaseId(e.CaseId)
            ? Task.CompletedTask
            : grains.Product(e.CaseId).FollowUpReportedAsync(Reports.FollowUp(incoming, e.RegionCode, (int)e.Stage, 0, overdue: true, audit: null));
    }
}
