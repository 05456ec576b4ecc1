using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// The council's steps through the running host's gRPC contracts: the secretary appoints the council and runs a meeting
/// on today's Swedish date; the case comes ready from <see cref="JourneySteps"/>.
/// </summary>
internal sealed class CouncilJourney(StandaloneProcess host)
{
    public static Metadata Secretary => TestTokens.As(Roles.CouncilSecretary, subject: "sekreterare");

    public CouncilService.CouncilServiceClient Council { get; } = new(host.CreateGrpcChannel());

    public static DateOnly Today => TimeProvider.System.Today();

    public static Date ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>A chair, a deputy, four members (one per other healthcare region), the municipal representative and a secretary.</summary>
    public async Task<List<Member>> AppointCouncilAsync()
    {
        var seats = new (string Subject, string Name, MemberRole Role, string Region)[]
        {
            ("eva.norr", "Eva Norr", MemberRole.Chair, "norra"),
            ("sven.syd", "Sven Syd", MemberRole.DeputyChair, "sodra"),
            ("maja.mellan", "Maja Mellan", MemberRole.Member, "mellansverige"),
            ("olle.stockholm", "Olle Stockholm", MemberRole.Member, "stockholm-gotland"),
            ("karin.ost", "Karin Öst", MemberRole.Member, "sydostra"),
            ("lars.vast", "Lars Väst", MemberRole.Member, "vastra"),
            ("anna.kommun", "Anna Kommun", MemberRole.MunicipalRepresentative, ""),
            ("sekreterare", "Sara Sekreterare", MemberRole.Secretary, ""),
        };
        var members = new List<Member>();
        foreach (var (subject, name, role, region) in seats)
        {
            members.Add((await Council.CreateMemberAsync(new CreateMemberRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Member = new Member
                {
                    Subject = subject,
                    DisplayName = name,
                    Role = role,
                    HealthcareRegionCode = region,
                    TermStart = ToDate(Today.AddDays(-10)),
                    TermEnd = ToDate(Today.AddYears(3)),
                },
            }, Secretary)).Member);
        }

        return members;
    }

    /// <summary>Waits (bounded) for CaseReadyForCouncil to reach the council, then puts the case on a new meeting's agenda.</summary>
    public async Task<Meeting> AgendaWithAsync(Case c)
    {
        await Eventually.Until(
            async () => (await Council.ListReadyCasesAsync(new ListReadyCasesRequest(), Secretary)).ReadyCases,
            ready => ready.Any(r => r.CaseId == c.CaseId),
            what: "CaseReadyForCouncil at the council");
        var meeting = (await Council.PlanMeetingAsync(new PlanMeetingRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            MeetingDate = ToDate(Today),
            Location = "Sveriges Kommuner och Regioner, Stockholm",
        }, Secretary)).Meeting;
        meeting = (await Council.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = meeting.Name, Etag = meeting.Etag, CaseId = c.CaseId }, Secretary)).Meeting;
        return (await Council.PublishAgendaAsync(new PublishAgendaRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;
    }

    public async Task<Meeting> DeclareConflictAsync(Meeting meeting, Member member) =>
        (await Council.DeclareConflictAsync(new DeclareConflictRequest
        {
            AgendaItem = meeting.AgendaItems[0].Name,
            Etag = meeting.Etag,
            Member = member.Name,
            Reason = "Tidigare anställd hos tillverkaren.",
        }, TestTokens.As(Roles.CouncilMember, subject: member.Subject))).Meeting;

    public async Task<Meeting> HoldAsync(Meeting meeting) =>
        (await Council.HoldMeetingAsync(new HoldMeetingRequest { Name = meeting.Name, Etag = meeting.Etag }, Secretary)).Meeting;

    public static RecordDecisionRequest CanUse(Meeting meeting, IEnumerable<Member> participants) => new()
    {
        AgendaItem = meeting.AgendaItems[0].Name,
        Etag = meeting.Etag,
        Participants = { participants.Select(p => p.Name) },
        Outcome = RecommendationOutcome.CanUse,
        Level = RecommendationLevel.National,
        Grounds = new DecisionGrounds
        {
            HumanDignity = new Ground { Assessment = GroundAssessment.NotAssessable, Text = "Inga skäl att särbehandla." },
            NeedAndSolidarity = new Ground { Assessment = GroundAssessment.High, Text = "Stort behov hos små barn." },
            CostEffectiveness = new Ground { Assessment = GroundAssessment.Moderate, Text = "Rimlig kostnad enligt TLV." },
            Severity = new Ground { Assessment = GroundAssessment.High, Text = "Allvarlig kronisk sjukdom." },
            Effect = new Ground { Assessment = GroundAssessment.Moderate, Text = "Färre hypoglykemier." },
            Prevalence = new Ground { Assessment = GroundAssessment.Low, Text = "Cirka 1 500 barn under 12 år." },
            EvidenceReliability = new Ground { Assessment = GroundAssessment.Low, Text = "Få jämförande studier." },
        },
        Conditions = { "Används endast inom uppföljning." },
        Summary = "Kan användas för barn under 12 år med typ 1-diabetes, inom uppföljning.",
        FollowUpDeadline = ToDate(Today.AddMonths(6)),
    };
}
