using Grpc.Core;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class AuditTrailTests : CouncilTest
{
    [Fact]
    public async Task Every_change_to_a_meeting_and_a_recommendation_is_in_the_trail_with_who_and_why()
    {
        var council = await Steps.AppointCouncilAsync();
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var declared = await Steps.DeclareAsync(meeting, council.Ordinary[0]);
        var draft = (await Steps.DecideAsync(declared, council.Deciding.Where(m => m.Name != council.Ordinary[0].Name))).Recommendation;
        var published = await Steps.PublishAsync(draft);

        var meetingTrail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name }, TestTokens.As(Roles.Operator))).AuditRecords;
        Assert.Equal(
            ["meeting.planned", "meeting.agenda-item-added", "meeting.agenda-published", "meeting.held", "meeting.conflict-declared", "meeting.decided"],
            meetingTrail.Select(a => a.Action));
        var conflict = meetingTrail.Single(a => a.Action == "meeting.conflict-declared");
        Assert.Equal(council.Ordinary[0].Subject, conflict.Audit.Actor.Subject);
        Assert.Equal("Delägare i tillverkarens dotterbolag.", conflict.Audit.Reason);

        var recommendationTrail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = published.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.Equal(["recommendation.decided", "recommendation.published"], recommendationTrail.Select(a => a.Action));
        Assert.Equal("Beslutat vid rådets möte.", recommendationTrail[1].Audit.Reason);
        Assert.Equal("sekreterare", recommendationTrail[1].Audit.Actor.Subject);

        var memberTrail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = council.Chair.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.Equal("member.appointed", Assert.Single(memberTrail).Action);
    }

    [Fact]
    public async Task The_trail_pages_oldest_first()
    {
        var (meeting, _) = await Steps.HeldMeetingWithCaseAsync();
        var first = await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name, PageSize = 2 }, CouncilSteps.Secretary);
        var rest = await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = meeting.Name, PageToken = first.NextPageToken }, CouncilSteps.Secretary);

        Assert.Equal(["meeting.planned", "meeting.agenda-item-added"], first.AuditRecords.Select(a => a.Action));
        Assert.Equal(["meeting.agenda-published", "meeting.held"], rest.AuditRecords.Select(a => a.Action));
        Assert.Empty(rest.NextPageToken);
    }

    [Fact]
    public async Task The_trail_refuses_bad_input_and_the_public()
    {
        foreach (var resource in new[] { "", "cases/1", $"recommendations/{Guid.NewGuid()}", "members/x" })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = resource }, CouncilSteps.Secretary).ResponseAsync);
            Assert.Equal("resource", Assert.Single(error.FieldViolations()).Field);
        }

        var paging = await Assert.ThrowsAsync<RpcException>(() => Council.ListAuditRecordsAsync(new ListAuditRecordsRequest
        {
            Resource = $"meetings/{Guid.NewGuid()}",
            PageSize = 501,
            PageToken = "!",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["page_size", "page_token"], paging.FieldViolations().Select(v => v.Field).Order());

        var denied = await Assert.ThrowsAsync<RpcException>(() => Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = $"meetings/{Guid.NewGuid()}" }, TestTokens.As(Roles.Public)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
