using Google.Protobuf;
using Samverkan.Cases.Data;
using Samverkan.Cases.Domain;
using Samverkan.Events.V1;

namespace Samverkan.Cases.Grains;

/// <summary>
/// A product and its case. Every change is one write of the grain's state that also carries the change's events
/// (<see cref="ProductState.PendingEvents"/>); the projection then copies the case to the read model and the events
/// to the relational outbox in one transaction. Were the process to stop between the two, the grain re-projects on
/// its next activation, so neither the read model nor an event is ever lost.
/// </summary>
public sealed class ProductGrain(
    [PersistentState("product", CasesModule.StorageName)] IPersistentState<ProductState> state,
    CaseProjection projection,
    TimeProvider clock) : Grain, IProductGrain
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private Guid CaseId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingEvents.Count > 0)
        {
            await ProjectAsync(cancellationToken);
        }
    }

    public async Task<CaseSnapshot> RegisterAsync(RegisterProduct command)
    {
        if (state.State.IsRegistered)
        {
            return Snapshot();
        }

        var now = clock.GetUtcNow();
        var product = state.State.Product = command.Product;
        state.State.RequestId = command.RequestId;
        state.State.CreatedAt = now;
        Record(now, command.Actor, CaseStatus.Registered, "registered", "Registered from horizon scanning.");
        Emit(now, new CaseOpened
        {
            CaseId = CaseId.ToString(),
            ProductDisplayName = product.DisplayName,
            Manufacturer = product.Manufacturer,
            RiskClass = (Samverkan.Cases.V1.RiskClass)product.RiskClass,
            ProgrammeAreaCodes = { product.ProgrammeAreaCodes },
            Source = (Samverkan.Cases.V1.ProductSource)product.Source,
            Audit = command.Actor.ToAudit(now, "Registered from horizon scanning."),
        });
        await SaveAsync();
        return Snapshot();
    }

    public Task<CaseSnapshot?> GetAsync() => Task.FromResult(state.State.IsRegistered ? Snapshot() : null);

    private void Record(DateTimeOffset now, AuditActor actor, CaseStatus status, string what, string why)
    {
        var s = state.State;
        s.Version++;
        s.Status = status;
        s.UpdatedAt = now;
        s.Timeline.Add(new TimelineEntry { Version = s.Version, At = now, Actor = actor, What = what, Why = why, Status = status });
    }

    private void Emit(DateTimeOffset now, IMessage payload) => state.State.PendingEvents.Add(new PendingEvent
    {
        EventId = Guid.NewGuid().ToString(),
        Type = payload.Descriptor.FullName,
        DataJson = Formatter.Format(payload),
        OccurredAt = now,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
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
        await projection.ApplyAsync(CaseId, state.State, cancellationToken);
        // Cleared in memory only: the next change's write persists it; until then a re-projection is harmless.
        state.State.PendingEvents.Clear();
    }

    private CaseSnapshot Snapshot() => new()
    {
        CaseId = CaseId,
        Version = state.State.Version,
        Product = state.State.Product!,
        Status = state.State.Status,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
