using Google.Protobuf;
using Samverkan.Cases.Data;
using Samverkan.Cases.Domain;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Errors;
using Samverkan.ServiceDefaults.Hosting;
using CaseState = Samverkan.Cases.V1.CaseState;

namespace Samverkan.Cases.Grains;

/// <summary>
/// A product and its case. Every change is one write of the grain's state that also carries the change's events and
/// timers (<see cref="ProductState.PendingEvents"/>, <see cref="ProductState.PendingTimers"/>); the projection then
/// copies the case to the read model, the events to the relational outbox and the timers to the timer table in one
/// transaction. Were the process to stop between the two, the grain re-projects on its next activation, so neither
/// the read model nor an event is ever lost. Every check comes before the first change to the state, so a refused
/// command leaves nothing behind.
/// </summary>
public sealed partial class ProductGrain(
    [PersistentState("product", CasesModule.StorageName)] IPersistentState<ProductState> state,
    CaseProjection projection,
    TimeProvider clock) : Grain, IProductGrain
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private Guid CaseId => this.GetPrimaryKey();

    private ProductState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.PendingEvents.Count > 0 || S.PendingTimers.Count > 0)
        {
            await ProjectAsync(cancellationToken);
        }
    }

    public async Task<CaseSnapshot> RegisterAsync(RegisterProduct command)
    {
        if (S.IsRegistered)
        {
            return Snapshot();
        }

        var now = clock.GetUtcNow();
        var product = S.Product = command.Product;
        S.RequestId = command.RequestId;
        S.CreatedAt = now;
        const string Why = "Registered from horizon scanning.";
        Record(now, command.Actor, CaseStatus.Registered, "registered", Why, $"{product.DisplayName} ({product.Manufacturer})");
        Emit(now, new CaseOpened
        {
            CaseId = CaseId.ToString(),
            ProductDisplayName = product.DisplayName,
            Manufacturer = product.Manufacturer,
            RiskClass = (V1.RiskClass)product.RiskClass,
            ProgrammeAreaCodes = { product.ProgrammeAreaCodes },
            Source = (V1.ProductSource)product.Source,
            Audit = command.Actor.ToAudit(now, Why),
        });
        await SaveAsync();
        return Snapshot();
    }

    public Task<CaseSnapshot?> GetAsync() => Task.FromResult(S.IsRegistered ? Snapshot() : null);

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync()
    {
        EnsureRegistered();
        return Task.FromResult<IReadOnlyList<TimelineEntry>>(S.Timeline);
    }

    /// <summary>
    /// Checks, in this order, that the case exists, that the caller may act on it, that their etag is current and that
    /// the state allows <paramref name="action"/>; then the command's own <paramref name="precondition"/>, so a stale
    /// etag is always Aborted and a move the state machine forbids is always named as such. Only then is anything changed.
    /// </summary>
    private async Task<CaseSnapshot> ChangeAsync(CaseCommand command, CaseAction action, string what, Func<DateTimeOffset, string> apply, Action? precondition = null)
    {
        EnsureRegistered();
        if (command.RestrictedToRegion is { } region && (S.Product!.Source != ProductSource.Region || S.Product.SourceDetail != region))
        {
            throw new PermissionDeniedException("REGION_MISMATCH", $"A contact person for region {region} acts only on products that region reported.");
        }

        if (command.ExpectedVersion != S.Version)
        {
            throw new EtagMismatchException(ResourceName, S.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var previous = S.Status;
        var next = previous.Apply(action, CaseId);
        precondition?.Invoke();
        var now = clock.GetUtcNow();
        var details = apply(now);
        Record(now, command.Actor, next, what, command.Reason, details);
        if (next != previous)
        {
            EmitStatusChanged(now, previous, command.Actor, command.Reason);
        }

        await SaveAsync();
        return Snapshot();
    }

    private void EnsureRegistered()
    {
        if (!S.IsRegistered)
        {
            throw new NotFoundException(ResourceName);
        }
    }

    private string ResourceName => $"cases/{CaseId}";

    private void Record(DateTimeOffset now, AuditActor actor, CaseStatus status, string what, string why, string details = "")
    {
        S.Version++;
        S.Status = status;
        S.UpdatedAt = now;
        S.Timeline.Add(new TimelineEntry { Version = S.Version, At = now, Actor = actor, What = what, Why = why, Status = status, Details = details });
    }

    private void EmitStatusChanged(DateTimeOffset now, CaseStatus previous, AuditActor actor, string why) => Emit(now, new CaseStatusChanged
    {
        CaseId = CaseId.ToString(),
        ProductDisplayName = S.Product!.DisplayName,
        ProgrammeAreaCodes = { S.Product.ProgrammeAreaCodes },
        PreviousState = (CaseState)previous,
        State = (CaseState)S.Status,
        Audit = actor.ToAudit(now, why),
    });

    private void Emit(DateTimeOffset now, IMessage payload) => S.PendingEvents.Add(new PendingEvent
    {
        EventId = Guid.NewGuid().ToString(),
        Type = payload.Descriptor.FullName,
        DataJson = Formatter.Format(payload),
        OccurredAt = now,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
    });

    private void ScheduleAssessmentDue(Assessment assessment, bool cancel) => S.PendingTimers.Add(new PendingTimer
    {
        Kind = Events.AssessmentDueTimer.Kind,
        Key = Events.AssessmentDueTimer.Key(CaseId, assessment.AssessmentId),
        DueAt = SwedishTime.EndOf(assessment.ExpectedDeliveryDate),
        Cancel = cancel,
    });

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is ahead of storage now; reload it on the next call.
            DeactivateOnIdle();
            throw;
        }

        await ProjectAsync(CancellationToken.None);
    }

    private async Task ProjectAsync(CancellationToken cancellationToken)
    {
        await projection.ApplyAsync(CaseId, S, cancellationToken);
        // Cleared in memory only: the next change's write persists it; until then a re-projection is harmless.
        S.PendingEvents.Clear();
        S.PendingTimers.Clear();
    }

    private CaseSnapshot Snapshot() => new()
    {
        CaseId = CaseId,
        Version = S.Version,
        Product = S.Product!,
        Status = S.Status,
        CreatedAt = S.CreatedAt,
        UpdatedAt = S.UpdatedAt,
        Prioritisation = S.Prioritisation,
        Decision = S.Decision,
        Assessments = S.Assessments,
        Recommendation = S.Recommendation,
        ProcurementActivities = S.ProcurementActivities,
        RegionFollowUps = S.RegionFollowUps,
        ClosureGrounds = S.ClosureGrounds,
    };
}
