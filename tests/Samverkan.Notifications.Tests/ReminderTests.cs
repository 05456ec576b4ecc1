using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Common.V1;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;
using Samverkan.Notifications.Data;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Notifications.Tests;

/// <summary>Reminders from the dates in other services' events, on durable timers and a clock the tests move.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly DeliveringFactory _factory;
    private readonly NotificationService.NotificationServiceClient _client;

    public ReminderTests()
    {
        _factory = new DeliveringFactory(new Dictionary<string, string?> { ["Timers:PollInterval"] = "00:00:00.100" })
        {
            TestServices = services => services.AddSingleton<TimeProvider>(_clock),
        };
        _client = new NotificationService.NotificationServiceClient(_factory.CreateGrpcChannel());
    }

    [Fact]
    public async Task A_follow_up_deadline_is_reminded_14_and_3_days_before_and_a_revision_moves_the_reminders()
    {
        var feed = Subscribers.Feed("nervsystemet");
        feed.EventTypes[0] = DeadlineReminder.Descriptor.FullName;
        var subscription = (await _client.SubscribeAsync(feed, "reminded")).Subscription.Name;
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var published = Events.Published("nervsystemet", number: "MTP-2026-501");
        published.Recommendation.FollowUpDeadline = Date(today.AddDays(30));
        published.Recommendation.ReviewDate = null;
        await _factory.DeliverAsync(published);

        _clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await _factory.Services.GetRequiredService<TimerRunner<NotificationsDbContext>>().FireDueAsync(CancellationToken.None));
        Assert.Empty(await Titles(subscription));

        var revised = new RecommendationRevised { Recommendation = published.Recommendation.Clone(), PreviousVersion = 1, ChangeSummary = "Senare rapportering." };
        revised.Recommendation.Version = 2;
        revised.Recommendation.FollowUpDeadline = Date(today.AddDays(40));
        await _factory.DeliverAsync(revised);
        _clock.Advance(TimeSpan.FromDays(17));
        await Eventually.Until(() => Titles(subscription), t => t.Count == 1, what: "the 14-day reminder");
        _clock.Advance(TimeSpan.FromDays(11));
        var titles = await Eventually.Until(() => Titles(subscription), t => t.Count == 2, what: "the 3-day reminder");

        Assert.Equal(["Follow-up deadline for MTP-2026-501 in 14 days", "Follow-up deadline for MTP-2026-501 in 3 days"], titles);
    }

    [Fact]
    public async Task A_qualification_decision_is_reminded_two_days_before_it_is_due()
    {
        var feed = Subscribers.Feed("medicinsk-diagnostik");
        feed.EventTypes[0] = DeadlineReminder.Descriptor.FullName;
        var subscription = (await _client.SubscribeAsync(feed, "coordinator", Roles.ProcurementCoordinator)).Subscription.Name;
        var due = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(14);
        await _factory.DeliverAsync(new ProcurementStatusChanged
        {
            Change = ProcurementChange.ApplicationReceived,
            ProcurementId = Guid.NewGuid().ToString(),
            Title = "DIS Diagnostik",
            Summary = "Ansökan från 556677-8899",
            DueDate = Date(due),
            ProgrammeAreaCodes = { "medicinsk-diagnostik" },
        });

        _clock.Advance(TimeSpan.FromDays(13));
        var titles = await Eventually.Until(() => Titles(subscription, "coordinator", Roles.ProcurementCoordinator), t => t.Count == 1, what: "the reminder");
        Assert.Equal("Qualification decision due in 2 days: Ansökan från 556677-8899", titles.Single());
    }

    private async Task<List<string>> Titles(string subscription, string subject = "reminded", string role = Roles.RegionContact) =>
        [.. (await _client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, TestTokens.As(role, role == Roles.RegionContact ? "13" : null, subject)))
            .Deliveries.Select(d => d.Title).Reverse()];

    private static Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
