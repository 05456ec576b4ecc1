using Grpc.Core;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

/// <summary>Each call's role rule, call by call: who changes the council's records, who reads meetings, who reads at all.</summary>
public sealed class RoleTests : CouncilTest
{
    public static TheoryData<string> NotTheSecretary =>
        [Roles.CouncilMember, Roles.PreparationGroup, Roles.Operator, Roles.Public, Roles.RegionContact, Roles.ProcurementCoordinator];

    [Theory]
    [MemberData(nameof(NotTheSecretary))]
    public async Task Every_change_but_a_declaration_is_the_secretarys(string role)
    {
        var token = TestTokens.As(role, "13");
        var calls = new Dictionary<string, Func<Task>>
        {
            [nameof(Council.CreateMember)] = () => Council.CreateMemberAsync(new CreateMemberRequest(), token).ResponseAsync,
            [nameof(Council.EndMandate)] = () => Council.EndMandateAsync(new EndMandateRequest(), token).ResponseAsync,
            [nameof(Council.PlanMeeting)] = () => Council.PlanMeetingAsync(new PlanMeetingRequest(), token).ResponseAsync,
            [nameof(Council.AddAgendaItem)] = () => Council.AddAgendaItemAsync(new AddAgendaItemRequest(), token).ResponseAsync,
            [nameof(Council.PublishAgenda)] = () => Council.PublishAgendaAsync(new PublishAgendaRequest(), token).ResponseAsync,
            [nameof(Council.HoldMeeting)] = () => Council.HoldMeetingAsync(new HoldMeetingRequest(), token).ResponseAsync,
            [nameof(Council.RecordDecision)] = () => Council.RecordDecisionAsync(new RecordDecisionRequest(), token).ResponseAsync,
            [nameof(Council.ApproveMinutes)] = () => Council.ApproveMinutesAsync(new ApproveMinutesRequest(), token).ResponseAsync,
            [nameof(Council.PublishRecommendation)] = () => Council.PublishRecommendationAsync(new PublishRecommendationRequest(), token).ResponseAsync,
            [nameof(Council.ReviseRecommendation)] = () => Council.ReviseRecommendationAsync(new ReviseRecommendationRequest(), token).ResponseAsync,
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{name} as {role}: {error.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Public)]
    [InlineData(Roles.RegionContact)]
    public async Task Only_the_council_declares_conflicts(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.DeclareConflictAsync(new DeclareConflictRequest(), TestTokens.As(role, "13")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Theory]
    [InlineData(Roles.CouncilSecretary)]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.Operator)]
    public async Task The_council_and_operators_read_meetings_readiness_ready_cases_and_the_trail(string role)
    {
        var meeting = await Steps.PlanAsync();
        await Steps.ReadyCaseAsync();
        var token = TestTokens.As(role);

        Assert.Equal(meeting, (await Council.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }, token)).Meeting);
        Assert.Single((await Council.ListMeetingsAsync(new ListMeetingsRequest(), token)).Meetings);
        Assert.NotEmpty((await Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = meeting.Name }, token)).Warnings);
        Assert.Single((await Council.ListReadyCasesAsync(new ListReadyCasesRequest(), token)).ReadyCases);
        Assert.Single((await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name }, token)).AuditRecords);
    }

    [Theory]
    [InlineData(Roles.Public)]
    [InlineData(Roles.RegionContact)]
    [InlineData(Roles.ProcurementCoordinator)]
    public async Task Everyone_else_is_refused_the_councils_working_papers(string role)
    {
        var meeting = await Steps.PlanAsync();
        var token = TestTokens.As(role, "13");
        var calls = new Dictionary<string, Func<Task>>
        {
            [nameof(Council.GetMeeting)] = () => Council.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }, token).ResponseAsync,
            [nameof(Council.ListMeetings)] = () => Council.ListMeetingsAsync(new ListMeetingsRequest(), token).ResponseAsync,
            [nameof(Council.CheckMeetingReadiness)] = () => Council.CheckMeetingReadinessAsync(new CheckMeetingReadinessRequest { Name = meeting.Name }, token).ResponseAsync,
            [nameof(Council.ListReadyCases)] = () => Council.ListReadyCasesAsync(new ListReadyCasesRequest(), token).ResponseAsync,
            [nameof(Council.ListAuditRecords)] = () => Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name }, token).ResponseAsync,
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{name} as {role}: {error.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Roles.CouncilSecretary)]
    [InlineData(Roles.PreparationGroup)]
    public async Task The_council_reads_its_drafts(string role)
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var draft = (await Steps.DecideAsync(meeting, council.Deciding)).Recommendation;
        var token = TestTokens.As(role);

        Assert.Equal(draft, (await Council.GetRecommendationAsync(new GetRecommendationRequest { Name = $"recommendations/{draft.RecommendationId}" }, token)).Recommendation);
        Assert.Equal(draft, Assert.Single((await Council.ListRecommendationsAsync(new ListRecommendationsRequest(), token)).Recommendations));
        Assert.Equal(draft.Name, (await Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = draft.Name }, token)).DecisionRecord.Recommendation);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var calls = new Dictionary<string, Func<Task>>
        {
            [nameof(Council.ListRecommendations)] = () => Council.ListRecommendationsAsync(new ListRecommendationsRequest()).ResponseAsync,
            [nameof(Council.GetRecommendation)] = () => Council.GetRecommendationAsync(new GetRecommendationRequest { Name = $"recommendations/{Guid.NewGuid()}" }).ResponseAsync,
            [nameof(Council.GetDecisionRecord)] = () => Council.GetDecisionRecordAsync(new GetDecisionRecordRequest { Name = $"recommendations/{Guid.NewGuid()}/versions/1" }).ResponseAsync,
            [nameof(Council.ListMembers)] = () => Council.ListMembersAsync(new ListMembersRequest()).ResponseAsync,
        };

        foreach (var (name, call) in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.Unauthenticated, $"{name}: {error.StatusCode}");
        }
    }
}
