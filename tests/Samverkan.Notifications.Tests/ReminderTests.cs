using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Common.V1;
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
        _factory = new DeliveringFactory(new Dictionary<string, string?>
        {
            ["Timers:PollInterval"] = "00:00:00.100",
            // What reaches whom is read in the delivery log; no SMTP server is needed for that.
            ["Notifications:Delivery:Enabled"] = "false",
        })
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
        // Read in the timer table, not by firing: the host's own runner polls too and may fire a due timer first.
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>().CreateDbContextAsync())
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            Assert.Equal(0, await db.Timers.CountAsync(t => t.FiredAt != null || t.DueAt <= now));
            Assert.NotEqual(0, await db.Timers.CountAsync());
        }

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

    [Fact]
    public async Task A_region_contact_person_is_reminded_of_their_region_s_follow_up_deadline_and_not_of_another_region_s()
    {
        var halland = await _client.RegisterRegionContactAsync(new RegisterRegionContactRequest { RegionCode = "13", Email = "anna@regionhalland.se" },
            TestTokens.As(Roles.RegionContact, "13", "anna"));
        var vastra = await _client.RegisterRegionContactAsync(new RegisterRegionContactRequest { RegionCode = "14", Email = "bertil@vgregion.se" },
            TestTokens.As(Roles.RegionContact, "14", "bertil"));
        var feed = Subscribers.Feed("hud-venereologi");
        feed.EventTypes[0] = DeadlineReminder.Descriptor.FullName;
        var everyReminder = (await _client.SubscribeAsync(feed, "reminded")).Subscription.Name;

        // Södra sjukvårdsregionen includes Halland (13), not Västra Götaland (14).
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var published = Events.Published("hud-venereologi", number: "MTP-2026-601");
        published.Recommendation.Level = RecommendationLevel.HealthcareRegional;
        published.Recommendation.HealthcareRegionCodes.Add("sodra");
        published.Recommendation.FollowUpDeadline = Date(today.AddDays(30));
        published.Recommendation.ReviewDate = Date(today.AddDays(40));
        await _factory.DeliverAsync(published);
        _clock.Advance(TimeSpan.FromDays(17));
        await Eventually.Until(() => Titles(everyReminder), t => t.Count == 2, what: "the review and the 14-day follow-up reminders");

        Assert.Equal(["Follow-up deadline for MTP-2026-601 in 14 days"], await Titles(halland.DefaultSubscription.Name, "anna"));
        Assert.Empty(await Titles(vastra.DefaultSubscription.Name, "bertil", region: "14"));

        await _factory.DeliverAsync(new FollowUpOverdue
        {
            RecommendationId = published.Recommendation.RecommendationId,
            RecommendationNumber = "MTP-2026-601",
            CaseId = published.Recommendation.CaseId,
            RegionCode = "14",
            Deadline = Date(today.AddDays(30)),
        });
        Assert.Equal(["Västra Götalandsregionen has not decided on MTP-2026-601"], await Titles(vastra.DefaultSubscription.Name, "bertil", region: "14"));
        Assert.Single(await Titles(halland.DefaultSubscription.Name, "anna"));
    }

    private async Task<List<string>> Titles(string subscription, string subject = "reminded", string role = Roles.RegionContact, string region = "13") =>
        [.. (await _client.ListDeliveriesAsync(new ListDeliveriesRequest { Subscription = subscription }, TestTokens.As(role, role == Roles.RegionContact ? region : null, subject)))
            .Deliveries.Select(d => d.Title).Reverse()];

    private static Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
