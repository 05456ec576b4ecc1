using System.Net.Http.Headers;
using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>The journey up to a published recommendation, through the standalone host's gRPC contracts as people do it.</summary>
internal sealed class JourneySteps(StandaloneProcess host)
{
    public static Metadata Secretary => TestTokens.As(Roles.CouncilSecretary, subject: "sekreterare");

    public static Metadata Operator => TestTokens.As(Roles.Operator);

    public CaseService.CaseServiceClient Cases { get; } = new(host.CreateGrpcChannel());

    public CouncilService.CouncilServiceClient Council { get; } = new(host.CreateGrpcChannel());

    public static Date ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>Registered, nominated, prioritised, accepted, assessed and marked ready for the council.</summary>
    public Task<Case> ReadyCaseAsync(string product) => new CaseSteps(Cases, TimeProvider.System).ReadyForCouncilAsync(product);

    /// <summary>A full council decides "kan användas" on the case at a meeting today and the secretary publishes it.</summary>
    public async Task<Recommendation> PublishAsync(string caseId, DateOnly today, DateOnly followUpDeadline)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var seats = new (string Who, MemberRole Role, string Region)[]
        {
            ("Ordförande", MemberRole.Chair, "norra"), ("Vice ordförande", MemberRole.DeputyChair, "sodra"),
            ("Ledamot M", MemberRole.Member, "mellansverige"), ("Ledamot S", MemberRole.Member, "stockholm-gotland"),
            ("Ledamot SO", MemberRole.Member, "sydostra"), ("Ledamot V", MemberRole.Member, "vastra"),
            ("Kommunföreträdare", MemberRole.MunicipalRepresentative, ""),
        };
        var deciding = new List<string>();
        foreach (var (who, role, region) in seats)
        {
            deciding.Add((await Council.CreateMemberAsync(new CreateMemberRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Member = new Member
                {
                    Subject = $"{who} {run}".ToLowerInvariant().Replace(' ', '.'),
                    DisplayName = $"{who} {run}",
                    Role = role,
                    HealthcareRegionCode = region,
                    TermStart = ToDate(today.AddDays(-30)),
                    TermEnd = ToDate(today.AddYears(4)),
                },
            }, Secretary)).Member.Name);
        }

        await Eventually.Until(async () => (await Council.ListReadyCasesAsync(new ListReadyCasesRequest(), Secretary)).ReadyCases,
            ready => ready.Any(r => r.CaseId == caseId), what: "the case among the council's ready cases");
        var meeting = (await Council.PlanMeetingAsync(new PlanMeetingRequest { RequestId = Guid.NewGuid().ToString(), MeetingDate = ToDate(today), Location = "Digitalt" }, Secretary)).Meeting;
        meeting = (await Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = meeting.Name, Etag = meeting.Etag, CaseId = caseId }, Secretary)).Meeting;
        meeting = (await Council.PublishAgendaAsync(new PublishAgendaRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
        meeting = (await Council.HoldMeetingAsync(new HoldMeetingRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
        var ground = new Ground { Assessment = GroundAssessment.Moderate, Text = "Enligt TLV:s underlag." };
        var decided = await Council.RecordDecisionAsync(new RecordDecisionRequest
        {
            AgendaItem = meeting.AgendaItems[0].Name,
            Etag = meeting.Etag,
            Participants = { deciding },
            Outcome = RecommendationOutcome.CanUse,
            Level = RecommendationLevel.National,
            Grounds = new DecisionGrounds
            {
                HumanDignity = ground,
                NeedAndSolidarity = ground,
                CostEffectiveness = ground,
                Severity = ground,
                Effect = ground,
                Prevalence = ground,
                EvidenceReliability = ground,
            },
            Conditions = { "Används endast inom uppföljning." },
            Summary = "Kan användas för barn med typ 1-diabetes inom uppföljning.",
            FollowUpDeadline = ToDate(followUpDeadline),
        }, Secretary);
        return (await Council.PublishRecommendationAsync(new PublishRecommendationRequest
        {
            Name = decided.Recommendation.Name,
            Etag = decided.Recommendation.Etag,
            Reason = "Beslutat vid rådets möte.",
        }, Secretary)).Recommendation;
    }

    /// <summary>Moves the host's controllable clock forward (operators only).</summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.Operator));
        using var response = await http.PostAsync(new Uri($"/clock/advance?by={by:c}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }
}
