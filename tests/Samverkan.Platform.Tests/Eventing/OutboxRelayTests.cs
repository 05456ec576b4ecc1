using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Samverkan.Eventing.Outbox;
using Samverkan.Events.V1;

namespace Samverkan.Platform.Tests.Eventing;

public sealed class OutboxRelayTests : DatabaseTest
{

    [Fact]
    public async Task Events_refused_by_the_bus_are_retried_until_accepted_in_their_original_order()
    {
        var stored = await StoreEventsAsync("first", "second", "third");
        var bus = new FlakyBus(failures: 3);
        var relay = Relay(bus);

        for (var round = 0; round < 40 && bus.Accepted.Count < stored.Count; round++)
        {
            await relay.RelayBatchAsync(CancellationToken.None);
            await Task.Delay(20);
        }

        Assert.Equal(stored, bus.Accepted.Select(e => e.Id));
        await using var db = await Contexts.CreateDbContextAsync();
        var messages = await db.Outbox.OrderBy(m => m.Sequence).ToListAsync();
        Assert.All(messages, m => Assert.NotNull(m.PublishedAt));
        Assert.Equal(4, messages[0].Attempts);
        Assert.Equal(1, messages[1].Attempts);
    }

    [Fact]
    public async Task A_refused_event_waits_for_its_backoff_and_keeps_the_reason()
    {
        await StoreEventsAsync("only");
        var relay = Relay(new FlakyBus(failures: 1), retryBaseDelay: TimeSpan.FromHours(1));

        await relay.RelayBatchAsync(CancellationToken.None);
        await relay.RelayBatchAsync(CancellationToken.None);

        await using var db = await Contexts.CreateDbContextAsync();
        var message = await db.Outbox.SingleAsync();
        Assert.Null(message.PublishedAt);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("broker unavailable", message.LastError);
        Assert.True(message.NextAttemptAt > DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task An_event_is_stored_only_if_the_change_it_belongs_to_commits()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Notes.Add(new Note { Id = 1, Text = "committed" });
            await db.SaveChangesAsync();
        }

        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Notes.Add(new Note { Id = 1, Text = "duplicate key: this change fails" });
            db.Outbox.Add(OutboxMessage.Create(new CaseOpened { CaseId = "lost" }, "test", DateTimeOffset.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = await Contexts.CreateDbContextAsync();
        Assert.Empty(await check.Outbox.ToListAsync());
    }

    private OutboxRelay<TestDbContext> Relay(FlakyBus bus, TimeSpan? retryBaseDelay = null) => new(
        Contexts,
        bus,
        new OutboxSignal(),
        Options.Create(new OutboxOptions { RetryBaseDelay = retryBaseDelay ?? TimeSpan.FromMilliseconds(10) }),
        NullLogger<OutboxRelay<TestDbContext>>.Instance);

    private async Task<List<string>> StoreEventsAsync(params string[] caseIds)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var messages = caseIds.Select(id => OutboxMessage.Create(new CaseOpened { CaseId = id }, "samverkan/test", DateTimeOffset.UtcNow)).ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.EventId).ToList();
    }
}
