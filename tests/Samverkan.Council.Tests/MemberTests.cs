using Grpc.Core;
using Samverkan.Council.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.Council.Tests;

public sealed class MemberTests : CouncilTest
{
    [Fact]
    public async Task The_secretary_appoints_a_member_once_per_request_id()
    {
        var request = Steps.MemberRequest("Karin Ek", MemberRole.Member, "vastra");
        var first = (await Council.CreateMemberAsync(request, CouncilSteps.Secretary)).Member;
        var again = (await Council.CreateMemberAsync(request, CouncilSteps.Secretary)).Member;

        Assert.Equal(first, again);
        Assert.Equal($"members/{request.RequestId}", first.Name);
        Assert.Equal("vastra", first.HealthcareRegionCode);
        Assert.Single((await Council.ListMembersAsync(new ListMembersRequest(), TestTokens.As(Roles.Public))).Members);
    }

    [Fact]
    public async Task Every_bad_field_of_a_member_is_named()
    {
        var request = new CreateMemberRequest
        {
            RequestId = "nope",
            Member = new Member
            {
                Role = MemberRole.Member,
                HealthcareRegionCode = "gotland",
                TermStart = CouncilSteps.ToDate(Steps.Today),
                TermEnd = new Common.V1.Date { Year = 2026, Month = 2, Day = 30 },
            },
        };
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(request, CouncilSteps.Secretary).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["member.display_name", "member.healthcare_region_code", "member.subject", "member.term_end", "request_id"],
            error.FieldViolations().Select(v => v.Field).Order());
    }

    [Fact]
    public async Task Seat_rules_and_terms_are_checked()
    {
        var municipal = Steps.MemberRequest("Kommun", MemberRole.MunicipalRepresentative, "sodra");
        var unsetRole = Steps.MemberRequest("Utan roll", MemberRole.Unspecified, "");
        var noRegion = Steps.MemberRequest("Utan region", MemberRole.Chair, "");
        var backwards = Steps.MemberRequest("Baklänges", MemberRole.Member, "norra");
        backwards.Member.TermEnd = CouncilSteps.ToDate(Steps.Today.AddDays(-60));
        var expired = Steps.MemberRequest("Utgången", MemberRole.Member, "norra", fromDays: -400);
        expired.Member.TermEnd = CouncilSteps.ToDate(Steps.Today.AddDays(-1));

        foreach (var (request, field) in new[]
        {
            (municipal, "member.healthcare_region_code"), (unsetRole, "member.role"), (noRegion, "member.healthcare_region_code"),
            (backwards, "member.term_end"), (expired, "member.term_end"),
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(request, CouncilSteps.Secretary).ResponseAsync);
            Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
        }

        var missing = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(new CreateMemberRequest { RequestId = Guid.NewGuid().ToString() }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("member", Assert.Single(missing.FieldViolations()).Field);
        Assert.Empty((await Council.ListMembersAsync(new ListMembersRequest(), CouncilSteps.Secretary)).Members);
    }

    [Fact]
    public async Task One_person_holds_one_seat_at_a_time()
    {
        await Steps.AppointAsync("Per Ström", MemberRole.Member, "norra");
        var second = Steps.MemberRequest("Per Ström", MemberRole.DeputyChair, "norra");

        var error = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(second, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("SUBJECT_ALREADY_SITTING", error.ErrorInfo()?.Reason);
    }

    [Theory]
    [InlineData(MemberRole.Chair, "norra")]
    [InlineData(MemberRole.DeputyChair, "sodra")]
    [InlineData(MemberRole.MunicipalRepresentative, "")]
    public async Task The_council_has_one_chair_one_deputy_and_one_municipal_representative_at_a_time(MemberRole role, string region)
    {
        var holder = await Steps.AppointAsync("Första innehavaren", role, region, years: 1);
        var during = Steps.MemberRequest("Andra innehavaren", role, region, fromDays: 100);

        var error = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(during, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("SEAT_TAKEN", error.ErrorInfo()?.Reason);
        Assert.Contains(holder.DisplayName, error.Status.Detail, StringComparison.Ordinal);

        var successor = Steps.MemberRequest("Efterträdaren", role, region, fromDays: 366 + 30);
        var appointed = (await Council.CreateMemberAsync(successor, CouncilSteps.Secretary)).Member;
        var extended = await Assert.ThrowsAsync<RpcException>(() => Council.EndMandateAsync(new EndMandateRequest
        {
            Name = holder.Name,
            Etag = holder.Etag,
            TermEnd = appointed.TermStart,
            Reason = "Förlängt.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("SEAT_TAKEN", extended.ErrorInfo()?.Reason);
        Assert.Equal(2, (await Council.ListMembersAsync(new ListMembersRequest(), CouncilSteps.Secretary)).Members.Count);
    }

    [Fact]
    public async Task Several_members_sit_for_one_healthcare_region()
    {
        await Steps.AppointAsync("Ledamot ett", MemberRole.Member, "norra");
        await Steps.AppointAsync("Ledamot två", MemberRole.Member, "norra");
        Assert.Equal(2, (await Council.ListMembersAsync(new ListMembersRequest { SittingOn = CouncilSteps.ToDate(Steps.Today) }, CouncilSteps.Secretary)).Members.Count);
    }

    [Theory]
    [InlineData(Roles.CouncilMember)]
    [InlineData(Roles.PreparationGroup)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Public)]
    public async Task Only_the_secretary_appoints(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.CreateMemberAsync(Steps.MemberRequest("X", MemberRole.Member, "norra"), TestTokens.As(role)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Ending_a_mandate_takes_the_member_off_the_council_from_the_next_day()
    {
        var member = await Steps.AppointAsync("Lena Holm", MemberRole.Member, "sydostra");
        var ended = (await Council.EndMandateAsync(new EndMandateRequest
        {
            Name = member.Name,
            Etag = member.Etag,
            TermEnd = CouncilSteps.ToDate(Steps.Today),
            Reason = "Har lämnat regionen.",
        }, CouncilSteps.Secretary)).Member;

        Assert.NotEqual(member.Etag, ended.Etag);
        Assert.Single((await Council.ListMembersAsync(new ListMembersRequest { SittingOn = CouncilSteps.ToDate(Steps.Today) }, CouncilSteps.Secretary)).Members);
        Assert.Empty((await Council.ListMembersAsync(new ListMembersRequest { SittingOn = CouncilSteps.ToDate(Steps.Today.AddDays(1)) }, CouncilSteps.Secretary)).Members);

        var stale = await Assert.ThrowsAsync<RpcException>(() => Council.EndMandateAsync(new EndMandateRequest
        {
            Name = member.Name,
            Etag = member.Etag,
            TermEnd = CouncilSteps.ToDate(Steps.Today),
            Reason = "Igen.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var trail = (await Council.ListAuditRecordsAsync(new ListAuditRecordsRequest { Resource = member.Name }, CouncilSteps.Secretary)).AuditRecords;
        Assert.Equal(["member.appointed", "member.mandate-ended"], trail.Select(a => a.Action));
        Assert.Equal("Har lämnat regionen.", trail[1].Audit.Reason);
        Assert.Equal("sekreterare", trail[1].Audit.Actor.Subject);
    }

    [Fact]
    public async Task Ending_a_mandate_refuses_bad_input_unknown_members_and_an_end_before_the_start()
    {
        var member = await Steps.AppointAsync("Lena Holm", MemberRole.Member, "sydostra");
        var bad = await Assert.ThrowsAsync<RpcException>(() => Council.EndMandateAsync(new EndMandateRequest { Name = "members/x" }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(["etag", "name", "reason", "term_end"], bad.FieldViolations().Select(v => v.Field).Order());

        var unknown = await Assert.ThrowsAsync<RpcException>(() => Council.EndMandateAsync(new EndMandateRequest
        {
            Name = $"members/{Guid.NewGuid()}",
            Etag = "1",
            TermEnd = CouncilSteps.ToDate(Steps.Today),
            Reason = "Okänd.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var early = await Assert.ThrowsAsync<RpcException>(() => Council.EndMandateAsync(new EndMandateRequest
        {
            Name = member.Name,
            Etag = member.Etag,
            TermEnd = CouncilSteps.ToDate(Steps.Today.AddDays(-31)),
            Reason = "För tidigt.",
        }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("term_end", Assert.Single(early.FieldViolations()).Field);
        Assert.Equal(member, Assert.Single((await Council.ListMembersAsync(new ListMembersRequest(), CouncilSteps.Secretary)).Members));
    }

    [Fact]
    public async Task A_bad_sitting_date_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Council.ListMembersAsync(
            new ListMembersRequest { SittingOn = new Common.V1.Date { Year = 2026, Month = 13, Day = 1 } }, CouncilSteps.Secretary).ResponseAsync);
        Assert.Equal("sitting_on", Assert.Single(error.FieldViolations()).Field);
    }
}
