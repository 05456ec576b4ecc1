using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Common.V1;
using Samverkan.Council.Data;
using Samverkan.Council.Grpc;
using Samverkan.Council.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>
/// The council's records on PostgreSQL: a decision with a declared conflict, a numbered publication read back equal by a
/// restarted service (timestamps to the microsecond), the unique number (also for drafts published at once), and the
/// review-due timer firing after the restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CouncilOnPostgresTests(PostgresFixture postgres)
{
    private static Metadata Secretary => TestTokens.As(Roles.CouncilSecretary, subject: "sekreterare");

    [Fact]
    public async Task A_published_recommendation_and_its_decision_record_survive_a_restart_and_its_review_falls_due()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "council", "Council");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Recommendation published;
        DecisionRecord record;
        await using (var first = Host(settings, clock))
        {
            var council = new CouncilService.CouncilServiceClient(first.CreateGrpcChannel());
            var today = clock.Today();
            var chair = await AppointAsync(council, "Eva Norr", MemberRole.Chair, "norra", today);
            var member = await AppointAsync(council, "Maja Mellan", MemberRole.Member, "mellansverige", today);
            var conflicted = await AppointAsync(council, "Lars Väst", MemberRole.Member, "vastra", today);

            var caseId = Guid.NewGuid().ToString();
            await DeliverAsync(first, clock, new CaseReadyForCouncil { CaseId = caseId, ProductDisplayName = "Pulsoximeter Aurora", ProgrammeAreaCodes = { "andningsorgan" } });
            var meeting = (await council.PlanMeetingAsync(new PlanMeetingRequest { RequestId = Guid.NewGuid().ToString(), MeetingDate = Date(today), Location = "Stockholm" }, Secretary)).Meeting;
            meeting = (await council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = meeting.Name, Etag = meeting.Etag, CaseId = caseId }, Secretary)).Meeting;
            meeting = (await council.PublishAgendaAsync(new PublishAgendaRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
            meeting = (await council.DeclareConflictAsync(new DeclareConflictRequest
            {
                AgendaItem = meeting.AgendaItems[0].Name,
                Etag = meeting.Etag,
                Member = conflicted.Name,
                Reason = "Konsultuppdrag åt tillverkaren.",
            }, Secretary)).Meeting;
            meeting = (await council.HoldMeetingAsync(new HoldMeetingRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
            var draft = (await council.RecordDecisionAsync(Decision(meeting, [chair, member], today), Secretary)).Recommendation;
            published = (await council.PublishRecommendationAsync(new PublishRecommendationRequest { Name = draft.Name, Etag = draft.Etag, Reason = "Beslutat." }, Secretary)).Recommendation;
            record = (await council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = published.Name }, TestTokens.As(Roles.Public))).DecisionRecord;
        }

        Assert.StartsWith("MTP-", published.Number, StringComparison.Ordinal);
        Assert.Equal("Lars Väst", Assert.Single(record.ExcludedForConflict).MemberDisplayName);

        clock.SetUtcNow(SwedishTime.StartOf(new DateOnly(published.ReviewDate.Year, published.ReviewDate.Month, published.ReviewDate.Day)).AddMinutes(1));
        await using var second = Host(settings, clock);
        var restarted = new CouncilService.CouncilServiceClient(second.CreateGrpcChannel());
        Assert.Equal(published, (await restarted.GetRecommendationAsync(new GetRecommendationRequest { Name = published.Name }, TestTokens.As(Roles.Public))).Recommendation);
        Assert.Equal(record, (await restarted.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = published.Name }, TestTokens.As(Roles.Public))).DecisionRecord);

        var due = await Eventually.Until(() => OutboxAsync(second, RecommendationReviewDue.Descriptor.FullName), found => found.Count > 0, what: "RecommendationReviewDue");
        Assert.Single(due);

        // The unique index keeps one number for one version, whatever a caller tries.
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilDbContext>();
        var copy = await db.Recommendations.AsNoTracking().SingleAsync();
        copy.RecommendationId = Guid.NewGuid();
        db.Recommendations.Add(copy);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Drafts_published_at_once_get_distinct_numbers()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "council", "Council");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Host(settings, clock);
        var council = new CouncilService.CouncilServiceClient(host.CreateGrpcChannel());
        var today = clock.Today();
        Member[] taking = [await AppointAsync(council, "Eva Norr", MemberRole.Chair, "norra", today), await AppointAsync(council, "Maja Mellan", MemberRole.Member, "mellansverige", today)];

        var meeting = (await council.PlanMeetingAsync(new PlanMeetingRequest { RequestId = Guid.NewGuid().ToString(), MeetingDate = Date(today), Location = "Digitalt" }, Secretary)).Meeting;
        for (var i = 0; i < 5; i++)
        {
            var caseId = Guid.NewGuid().ToString();
            await DeliverAsync(host, clock, new CaseReadyForCouncil { CaseId = caseId, ProductDisplayName = $"Produkt {i}" });
            meeting = (await council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = meeting.Name, Etag = meeting.Etag, CaseId = caseId }, Secretary)).Meeting;
        }

        meeting = (await council.PublishAgendaAsync(new PublishAgendaRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
        meeting = (await council.HoldMeetingAsync(new HoldMeetingRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
        var drafts = new List<Recommendation>();
        foreach (var item in meeting.AgendaItems.Select(i => i.Name).ToList())
        {
            var request = Decision(meeting, taking, today);
            request.AgendaItem = item;
            var decided = await council.RecordDecisionAsync(request, Secretary);
            meeting = decided.Meeting;
            drafts.Add(decided.Recommendation);
        }

        var published = await Task.WhenAll(drafts.Select(async d => (await council.PublishRecommendationAsync(
            new PublishRecommendationRequest { Name = d.Name, Etag = d.Etag, Reason = "Beslutat." }, Secretary)).Recommendation));

        var year = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), SwedishTime.Zone).Year;
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"MTP-{year}-{n:000}"), published.Select(p => p.Number).Order(StringComparer.Ordinal));
        Assert.Equal(5, (await OutboxAsync(host, RecommendationPublished.Descriptor.FullName)).Count);
    }

    private static ServiceFactory<CouncilGrpcService> Host(Dictionary<string, string?> settings, FakeTimeProvider clock) =>
        new(settings) { TestServices = services => services.AddSingleton<TimeProvider>(clock) };

    private static async Task<Member> AppointAsync(CouncilService.CouncilServiceClient council, string name, MemberRole role, string region, DateOnly today) =>
        (await council.CreateMemberAsync(new CreateMemberRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Member = new Member
            {
                Subject = name.ToLowerInvariant().Replace(' ', '.'),
                DisplayName = name,
                Role = role,
                HealthcareRegionCode = region,
                TermStart = Date(today.AddDays(-1)),
                TermEnd = Date(today.AddYears(4)),
            },
        }, Secretary)).Member;

    private static RecordDecisionRequest Decision(Meeting meeting, Member[] participants, DateOnly today)
    {
        Ground G(GroundAssessment a) => new() { Assessment = a, Text = "Bedömt av rådet." };
        return new RecordDecisionRequest
        {
            AgendaItem = meeting.AgendaItems[0].Name,
            Etag = meeting.Etag,
            Participants = { participants.Select(p => p.Name) },
            Outcome = RecommendationOutcome.CanUse,
            Level = RecommendationLevel.HealthcareRegional,
            HealthcareRegionCodes = { "norra", "mellansverige" },
            Grounds = new DecisionGrounds
            {
                HumanDignity = G(GroundAssessment.NotAssessable),
                NeedAndSolidarity = G(GroundAssessment.High),
                CostEffectiveness = G(GroundAssessment.Moderate),
                Severity = G(GroundAssessment.Moderate),
                Effect = G(GroundAssessment.Moderate),
                Prevalence = G(GroundAssessment.High),
                EvidenceReliability = G(GroundAssessment.Low),
            },
            Summary = "Kan användas för hemmonitorering.",
            FollowUpDeadline = Date(today.AddMonths(6)),
        };
    }

    private static async Task DeliverAsync(ServiceFactory<CouncilGrpcService> host, TimeProvider clock, IMessage payload) =>
        await host.Services.GetRequiredService<EventDispatcher>().DispatchAsync(
            new EventEnvelope(Guid.NewGuid().ToString(), payload.Descriptor.FullName, "samverkan/tests", clock.GetUtcNow(), null, JsonFormatter.Default.Format(payload)),
            CancellationToken.None);

    private static async Task<List<string>> OutboxAsync(ServiceFactory<CouncilGrpcService> host, string type)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CouncilDbContext>().Outbox.AsNoTracking().Where(m => m.Type == type).Select(m => m.Data).ToListAsync();
    }

    private static Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
