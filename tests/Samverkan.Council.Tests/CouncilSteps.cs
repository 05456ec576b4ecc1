using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Samverkan.Common.V1;
using Samverkan.Council.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

/// <summary>The council's work through its gRPC contract, one step per method, as the secretary does it.</summary>
internal sealed class CouncilSteps(CouncilFactory factory)
{
    public CouncilService.CouncilServiceClient Client { get; } = new(factory.CreateGrpcChannel());

    public static Metadata Secretary => TestTokens.As(Roles.CouncilSecretary, subject: "sekreterare");

    public static Metadata MemberToken(string subject) => TestTokens.As(Roles.CouncilMember, subject: subject);

    public DateOnly Today => factory.Clock.Today();

    public static Date ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>A complete council: a chair, a deputy, four members, one per remaining healthcare region, the municipal representative, a secretary.</summary>
    public async Task<Council> AppointCouncilAsync(params string[] skipRegions)
    {
        var seats = new (string Who, MemberRole Role, string Region)[]
        {
            ("Ordförande Norra", MemberRole.Chair, "norra"),
            ("Vice ordförande Södra", MemberRole.DeputyChair, "sodra"),
            ("Ledamot Mellansverige", MemberRole.Member, "mellansverige"),
            ("Ledamot Stockholm-Gotland", MemberRole.Member, "stockholm-gotland"),
            ("Ledamot Sydöstra", MemberRole.Member, "sydostra"),
            ("Ledamot Västra", MemberRole.Member, "vastra"),
            ("Kommunföreträdare", MemberRole.MunicipalRepresentative, ""),
            ("Sekreterare", MemberRole.Secretary, ""),
        };
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = new List<Member>();
        foreach (var (who, role, region) in seats.Where(s => !skipRegions.Contains(s.Region)))
        {
            members.Add(await AppointAsync($"{who} {run}", role, region));
        }

        return new Council(members);
    }

    public async Task<Member> AppointAsync(string displayName, MemberRole role, string region, int fromDays = -30, int years = 4) =>
        (await Client.CreateMemberAsync(MemberRequest(displayName, role, region, fromDays, years), Secretary)).Member;

    public CreateMemberRequest MemberRequest(string displayName, MemberRole role, string region, int fromDays = -30, int years = 4) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Member = new Member
        {
            Subject = displayName.ToLowerInvariant().Replace(' ', '.'),
            DisplayName = displayName,
            Role = role,
            HealthcareRegionCode = region,
            TermStart = ToDate(Today.AddDays(fromDays)),
            TermEnd = ToDate(Today.AddYears(years)),
        },
    };

    /// <summary>Cases marks a case ready for the council.</summary>
    public async Task<string> ReadyCaseAsync(string product = "Insulinpump Omnia")
    {
        var caseId = Guid.NewGuid().ToString();
        await factory.DeliverAsync(new CaseReadyForCouncil
        {
            CaseId = caseId,
            ProductDisplayName = product,
            Manufacturer = "Acme Medical AB",
            ProgrammeAreaCodes = { "endokrina-sjukdomar" },
            AssessmentSummaries = { "TLV 1234/2026: kostnadseffektiv vid HbA1c över 70." },
            Audit = new AuditInfo { Actor = new Actor { Subject = "anna.berg" }, Time = Timestamp.FromDateTimeOffset(factory.Clock.GetUtcNow()), Reason = "Underlaget är komplett." },
        });
        return caseId;
    }

    public async Task<Meeting> PlanAsync(int inDays = 0) =>
        (await Client.PlanMeetingAsync(new PlanMeetingRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            MeetingDate = ToDate(Today.AddDays(inDays)),
            Location = "https://mote.example.se/mtp-radet",
        }, Secretary)).Meeting;

    public async Task<Meeting> AddCaseAsync(Meeting m, string caseId) =>
        (await Client.AddAgendaItemAsync(new AddAgendaItemRequest { Meeting = m.Name, Etag = m.Etag, CaseId = caseId }, Secretary)).Meeting;

    public async Task<Meeting> PublishAgendaAsync(Meeting m) =>
        (await Client.PublishAgendaAsync(new PublishAgendaRequest { Name = m.Name, Etag = m.Etag }, Secretary)).Meeting;

    public async Task<Meeting> HoldAsync(Meeting m) =>
        (await Client.HoldMeetingAsync(new HoldMeetingRequest { Name = m.Name, Etag = m.Etag }, Secretary)).Meeting;

    public async Task<Meeting> DeclareAsync(Meeting m, Member member, int item = 0) =>
        (await Client.DeclareConflictAsync(new DeclareConflictRequest
        {
            AgendaItem = m.AgendaItems[item].Name,
            Etag = m.Etag,
            Member = member.Name,
            Reason = "Delägare i tillverkarens dotterbolag.",
        }, MemberToken(member.Subject))).Meeting;

    /// <summary>A case on the agenda of a held meeting, ready for a decision.</summary>
    public async Task<(Meeting Meeting, string CaseId)> HeldMeetingWithCaseAsync(string product = "Insulinpump Omnia")
    {
        var caseId = await ReadyCaseAsync(product);
        var meeting = await AddCaseAsync(await PlanAsync(), caseId);
        return (await HoldAsync(await PublishAgendaAsync(meeting)), caseId);
    }

    public RecordDecisionRequest Decision(Meeting m, IEnumerable<Member> participants, int item = 0) => new()
    {
        AgendaItem = m.AgendaItems[item].Name,
        Etag = m.Etag,
        Participants = { participants.Select(p => p.Name) },
        Outcome = RecommendationOutcome.CanUse,
        Level = RecommendationLevel.National,
        Grounds = Grounds(),
        Conditions = { "Används endast inom uppföljning." },
        Summary = "Kan användas för barn med typ 1-diabetes inom uppföljning.",
        FollowUpDeadline = ToDate(Today.AddMonths(6)),
    };

    public static DecisionGrounds Grounds() => new()
    {
        HumanDignity = new Ground { Assessment = GroundAssessment.NotAssessable, Text = "Ingen diskriminerande effekt." },
        NeedAndSolidarity = new Ground { Assessment = GroundAssessment.High, Text = "Stort behov hos barn." },
        CostEffectiveness = new Ground { Assessment = GroundAssessment.Moderate, Text = "Rimlig kostnad per QALY enligt TLV." },
        Severity = new Ground { Assessment = GroundAssessment.High, Text = "Allvarlig kronisk sjukdom." },
        Effect = new Ground { Assessment = GroundAssessment.Moderate, Text = "Förbättrat HbA1c." },
        Prevalence = new Ground { Assessment = GroundAssessment.Moderate, Text = "Cirka 8 000 barn." },
        EvidenceReliability = new Ground { Assessment = GroundAssessment.Low, Text = "Få randomiserade studier." },
    };

    public async Task<RecordDecisionResponse> DecideAsync(Meeting m, IEnumerable<Member> participants, int item = 0) =>
        await Client.RecordDecisionAsync(Decision(m, participants, item), Secretary);

    public async Task<Recommendation> PublishAsync(Recommendation r) =>
        (await Client.PublishRecommendationAsync(new PublishRecommendationRequest { Name = r.Name, Etag = r.Etag, Reason = "Beslutat vid rådets möte." }, Secretary)).Recommendation;

    /// <summary>A case decided with every deciding member and published.</summary>
    public async Task<(Council Council, Recommendation Recommendation)> PublishedAsync(string product = "Insulinpump Omnia")
    {
        var council = await AppointCouncilAsync();
        var (meeting, _) = await HeldMeetingWithCaseAsync(product);
        var decided = await DecideAsync(meeting, council.Deciding);
        return (council, await PublishAsync(decided.Recommendation));
    }
}

/// <summary>The members a test appointed.</summary>
internal sealed record Council(IReadOnlyList<Member> Members)
{
    public Member Chair => Members.Single(m => m.Role == MemberRole.Chair);

    public Member Deputy => Members.Single(m => m.Role == MemberRole.DeputyChair);

    public IReadOnlyList<Member> Deciding => [.. Members.Where(m => m.Role != MemberRole.Secretary)];

    public IReadOnlyList<Member> Ordinary => [.. Members.Where(m => m.Role == MemberRole.Member)];
}
