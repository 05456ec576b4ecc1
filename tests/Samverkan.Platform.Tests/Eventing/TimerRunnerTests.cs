using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Eventing;
using Samverkan.Eventing.Outbox;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;

namespace Samverkan.Platform.Tests.Eventing;

/// <summary>Durable timers: due by the domain clock, fired once with their effects, kept across restarts.</summary>
public sealed class TimerRunnerTests : DatabaseTest
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public async Task A_timer_fires_once_when_its_time_comes_with_its_effects_in_the_same_transaction()
    {
        await ScheduleAsync("deadline-passed", "rec-1/13", Start.AddDays(30));

        Assert.Equal(0, await Runner(failures: 0).FireDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await Runner(failures: 0).FireDueAsync(CancellationToken.None));
        Assert.Equal(0, await Runner(failures: 0).FireDueAsync(CancellationToken.None));

        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal("deadline passed: rec-1/13", Assert.Single(await db.Notes.ToListAsync()).Text);
        Assert.Equal("samverkan.events.v1.FollowUpOverdue", Assert.Single(await db.Outbox.ToListAsync()).Type);
        Assert.NotNull(Assert.Single(await db.Timers.ToListAsync()).FiredAt);
    }

    [Fact]
    public async Task A_failing_handler_leaves_the_timer_to_be_retried_and_writes_nothing()
    {
        await ScheduleAsync("deadline-passed", "rec-2/14", Start);

        Assert.Equal(0, await Runner(failures: 1).FireDueAsync(CancellationToken.None));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var timer = await db.Timers.SingleAsync();
            Assert.Null(timer.FiredAt);
            Assert.Equal(1, timer.Attempts);
            Assert.Empty(await db.Notes.ToListAsync());
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Runner(failures: 0).FireDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_runners_polling_at_once_only_one_fires_a_timer()
    {
        await ScheduleAsync("deadline-passed", "rec-4/13", Start);
        var gate = new DeadlineHandler.Gate();

        // The first runner is inside the handler when the second polls, as two replicas would be.
        var first = Runner(failures: 0, gate).FireDueAsync(CancellationToken.None);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await Runner(failures: 0).FireDueAsync(CancellationToken.None);
        gate.Release.SetResult();

        Assert.Equal((1, 0), (await first, second));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Single(await db.Notes.ToListAsync());
        Assert.Single(await db.Outbox.ToListAsync());
    }

    [Fact]
    public async Task Rescheduling_moves_the_timer_and_cancelling_removes_it()
    {
        await ScheduleAsync("deadline-passed", "rec-3/01", Start.AddDays(1));
        await ScheduleAsync("deadline-passed", "rec-3/01", Start.AddDays(10));
        await ScheduleAsync("deadline-passed", "rec-3/03", Start.AddDays(1));
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.CancelTimerAsync("deadline-passed", "rec-3/03", CancellationToken.None);
            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await Runner(failures: 0).FireDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await Runner(failures: 0).FireDueAsync(CancellationToken.None));
    }

    private async Task ScheduleAsync(string kind, string key, DateTimeOffset dueAt)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.ScheduleTimerAsync(kind, key, dueAt, data: null, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    /// <summary>A fresh runner each time, as after a restart: all it knows is in the database.</summary>
    private TimerRunner<TestDbContext> Runner(int failures, DeadlineHandler.Gate? gate = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DeadlineHandler.Failures(failures));
        services.AddSingleton(gate ?? new DeadlineHandler.Gate(open: true));
        services.AddTimerHandler<TestDbContext, DeadlineHandler>();
        var provider = services.BuildServiceProvider();
        return new TimerRunner<TestDbContext>(Contexts, provider.GetRequiredService<IServiceScopeFactory>(), _clock,
            Options.Create(new TimerOptions { RetryDelay = TimeSpan.FromSeconds(30) }), NullLogger<TimerRunner<TestDbContext>>.Instance);
    }

    private sealed class DeadlineHandler(DeadlineHandler.Failures failures, DeadlineHandler.Gate gate) : ITimerHandler<TestDbContext>
    {
        public string Kind => "deadline-passed";

        public async Task FireAsync(TestDbContext db, ScheduledTimer timer, CancellationToken cancellationToken)
        {
            gate.Entered.TrySetResult();
            await gate.Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            db.Notes.Add(new Note { Text = $"deadline passed: {timer.Key}" });
            db.Outbox.Add(OutboxMessage.Create(new FollowUpOverdue { RegionCode = timer.Key[^2..] }, "samverkan/test", DateTimeOffset.UtcNow));
            if (failures.Count > 0)
            {
                throw new InvalidOperationException("handler failed");
            }
        }

        public sealed record Failures(int Count);

        /// <summary>Holds a handler inside its run until released; open by default.</summary>
        public sealed class Gate
        {
            public Gate(bool open = false)
            {
                if (open)
                {
                    Release.SetResult();
                }
            }

            public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
