using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Council.Data;
using Samverkan.Eventing;
using Samverkan.Eventing.Timers;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

/// <summary>The council service in memory on a clock the tests move; start another on the same directory to restart it.</summary>
public sealed class CouncilFactory : ServiceFactory<Program>
{
    public CouncilFactory() : this(null)
    {
    }

    public CouncilFactory(string? dataDirectory, DateTimeOffset? now = null, IDictionary<string, string?>? settings = null)
        : base(settings, dataDirectory)
    {
        Clock = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        TestServices = services => services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>Starts at the real time so dates the tests compute from it are valid for the service too.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Delivers another service's event the way either bus does: through the host's dispatcher.</summary>
    public async Task DeliverAsync(IMessage payload, string? eventId = null)
    {
        var envelope = new EventEnvelope(eventId ?? Guid.NewGuid().ToString(), payload.Descriptor.FullName, "samverkan/tests", Clock.GetUtcNow(), null,
            JsonFormatter.Default.Format(payload));
        await Services.GetRequiredService<EventDispatcher>().DispatchAsync(envelope, CancellationToken.None);
    }

    /// <summary>Fires the timers due on the test clock now.</summary>
    public Task<int> FireDueTimersAsync() => Services.GetRequiredService<TimerRunner<CouncilDbContext>>().FireDueAsync(CancellationToken.None);

    /// <summary>Reads the service's own database, e.g. its outbox.</summary>
    public async Task<T> ReadAsync<T>(Func<CouncilDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CouncilDbContext>());
    }

    /// <summary>The payloads of the events of type <typeparamref name="T"/> in the outbox, oldest first.</summary>
    public Task<List<T>> OutboxAsync<T>() where T : IMessage<T>, new() => ReadAsync(async db =>
    {
        var type = new T().Descriptor.FullName;
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync();
        return rows.Select(JsonParser.Default.Parse<T>).ToList();
    });
}
