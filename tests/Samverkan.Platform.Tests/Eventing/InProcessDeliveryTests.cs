using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Samverkan.Eventing;
using Samverkan.Eventing.InProcess;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>
/// The standalone host's path: outbox → relay → in-process bus → handlers. A failing handler makes the relay retry;
/// handlers that already succeeded remember the event id and do not act twice.
/// </summary>
public sealed class InProcessDeliveryTests : DatabaseTest
{

    [Fact]
    public async Task A_redelivered_event_is_handled_once_by_each_handler()
    {
        await using var services = Services(failuresOfSecondHandler: 2);
        var relay = Relay(services);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Outbox.Add(OutboxMessage.Create(new CaseOpened { CaseId = "c-1", ProductDisplayName = "Stent" }, "samverkan/test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        for (var round = 0; round < 40 && !await PublishedAsync(); round++)
        {
            await relay.RelayBatchAsync(CancellationToken.None);
            await Task.Delay(20);
        }

        Assert.True(await PublishedAsync());
        var flaky = services.GetRequiredService<FlakyNoteHandler>();
        Assert.Equal(3, flaky.Attempts);
        await using var check = await Contexts.CreateDbContextAsync();
        Assert.Equal(["note: Stent", "flaky: Stent"], (await check.Notes.OrderBy(n => n.Id).ToListAsync()).Select(n => n.Text));
        Assert.Equal(2, await check.ProcessedEvents.CountAsync());
    }

    [Fact]
    public async Task The_same_CloudEvent_dispatched_twice_changes_state_once()
    {
        await using var services = Services(failuresOfSecondHandler: 0);
        var dispatcher = services.GetRequiredService<EventDispatcher>();
        var envelope = OutboxMessage.Create(new CaseOpened { CaseId = "c-2", ProductDisplayName = "Pump" }, "samverkan/test", DateTimeOffset.UtcNow).ToEnvelope();

        await dispatcher.DispatchAsync(envelope, CancellationToken.None);
        await dispatcher.DispatchAsync(envelope, CancellationToken.None);

        await using var check = await Contexts.CreateDbContextAsync();
        Assert.Equal(2, await check.Notes.CountAsync());
    }

    private async Task<bool> PublishedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Outbox.AllAsync(m => m.PublishedAt != null);
    }

    private ServiceProvider Services(int failuresOfSecondHandler)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Contexts);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TestDbContext>>().CreateDbContext());
        services.AddSingleton(new FlakyNoteHandler.Failures(failuresOfSecondHandler));
        services.AddSingleton<FlakyNoteHandler>();
        services.AddEventHandler<CaseOpened, NoteHandler>();
        services.AddEventHandler<CaseOpened, FlakyNoteHandler>();
        services.AddSingleton<EventDispatcher>();
        return services.BuildServiceProvider();
    }

    private OutboxRelay<TestDbContext> Relay(IServiceProvider services) => new(
        Contexts,
        new InProcessEventBus(services.GetRequiredService<EventDispatcher>()),
        new OutboxSignal(),
        Options.Create(new OutboxOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) }),
        NullLogger<OutboxRelay<TestDbContext>>.Instance);

    /// <summary>Writes a note once per event, remembering the event id in the same transaction.</summary>
    internal class NoteHandler(TestDbContext db) : IEventHandler<CaseOpened>
    {
        protected virtual string Prefix => "note";

        public virtual async Task HandleAsync(IncomingEvent<CaseOpened> incoming, CancellationToken cancellationToken)
        {
            if (!await db.IsFirstDeliveryAsync(incoming.Id, GetType().Name, DateTimeOffset.UtcNow, cancellationToken))
            {
                return;
            }

            db.Notes.Add(new Note { Text = $"{Prefix}: {incoming.Data.ProductDisplayName}" });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Fails its first attempts, as a handler whose database is briefly unavailable would.</summary>
    internal sealed class FlakyNoteHandler(IDbContextFactory<TestDbContext> contexts, FlakyNoteHandler.Failures failures)
        : IEventHandler<CaseOpened>
    {
        private int _failuresLeft = failures.Count;

        public int Attempts { get; private set; }

        public async Task HandleAsync(IncomingEvent<CaseOpened> incoming, CancellationToken cancellationToken)
        {
            Attempts++;
            if (_failuresLeft-- > 0)
            {
                throw new InvalidOperationException("database briefly unavailable");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.IsFirstDeliveryAsync(incoming.Id, nameof(FlakyNoteHandler), DateTimeOffset.UtcNow, cancellationToken))
            {
                db.Notes.Add(new Note { Text = $"flaky: {incoming.Data.ProductDisplayName}" });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        public sealed record Failures(int Count);
    }
}
