using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Cases.Data;
using Samverkan.Cases.V1;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.Cases.Tests;

/// <summary>
/// The rules every change to a case keeps, checked for each change RPC: a malformed name or a missing etag is one field
/// violation each, an unknown case is not found, a stale etag is aborted, only the RPC's roles may call it, and a
/// refused call leaves the case, the read model and the outbox as they were.
/// </summary>
public sealed class EveryChangeTests(CasesFactory factory) : IClassFixture<CasesFactory>
{
    private readonly CaseService.CaseServiceClient _cases = new(factory.CreateGrpcChannel());

    /// <summary>How to bring a case to where the RPC is legal, and how to send it with a given name, etag and token.</summary>
    private sealed record Change(Func<CaseSteps, Task<Case>> Prepare, Func<CaseService.CaseServiceClient, Case, string, string, Metadata, Task<Case>> Send);

    private static readonly Dictionary<string, Change> Changes = new()
    {
        ["NominateCase"] = new(s => s.RegisterAsync(), async (cases, c, name, etag, token) =>
            (await cases.NominateCaseAsync(new NominateCaseRequest { Name = name, Etag = etag, Reason = "Behov i flera regioner." }, token)).Case),
        ["PrioritiseCase"] = new(async s => await s.NominateAsync(await s.RegisterAsync()), async (cases, c, name, etag, token) =>
            (await cases.PrioritiseCaseAsync(new PrioritiseCaseRequest { Name = name, Etag = etag, Prioritisation = new Prioritisation { PatientNear = true, Grounds = "Patientnära." } }, token)).Case),
        ["AcceptCase"] = new(Prioritised, async (cases, c, name, etag, token) =>
            (await cases.AcceptCaseAsync(new AcceptCaseRequest { Name = name, Etag = etag, Grounds = "Uppfyller kriterierna." }, token)).Case),
        ["DeclineCase"] = new(Prioritised, async (cases, c, name, etag, token) =>
            (await cases.DeclineCaseAsync(new DeclineCaseRequest { Name = name, Etag = etag, Grounds = "Hanteras regionalt." }, token)).Case),
        ["OrderAssessment"] = new(Accepted, async (cases, c, name, etag, token) =>
        {
            var request = new CaseSteps(cases, TimeProvider.System).OrderRequest(c);
            (request.Name, request.Etag) = (name, etag);
            return (await cases.OrderAssessmentAsync(request, token)).Case;
        }),
        ["RecordAssessmentDelivery"] = new(async s => await s.OrderAssessmentAsync(await Accepted(s)), async (cases, c, name, etag, token) =>
            (await cases.RecordAssessmentDeliveryAsync(new RecordAssessmentDeliveryRequest
            {
                Name = name,
                Etag = etag,
                AssessmentId = c.Assessments[0].AssessmentId,
                ReportReference = "SBU 2026-12",
                Summary = "Måttlig evidens.",
            }, token)).Case),
        ["MarkReadyForCouncil"] = new(async s => await s.DeliverAsync(await s.OrderAssessmentAsync(await Accepted(s))), async (cases, c, name, etag, token) =>
            (await cases.MarkReadyForCouncilAsync(new MarkReadyForCouncilRequest { Name = name, Etag = etag, Reason = "Underlaget är komplett." }, token)).Case),
        ["CloseCase"] = new(s => s.RegisterAsync(), async (cases, c, name, etag, token) =>
            (await cases.CloseCaseAsync(new CloseCaseRequest { Name = name, Etag = etag, Grounds = "Produkten dras tillbaka." }, token)).Case),
    };

    public static TheoryData<string> Rpcs => [.. Changes.Keys];

    /// <summary>Every change RPC with every role that may not call it (a region's contact person nominates, see CaseStateMachineTests).</summary>
    public static TheoryData<string, string> RefusedRoles
    {
        get
        {
            var data = new TheoryData<string, string>();
            string[] others = [Roles.CouncilSecretary, Roles.CouncilMember, Roles.ProcurementCoordinator, Roles.Operator, Roles.Public];
            foreach (var rpc in Changes.Keys)
            {
                foreach (var role in rpc == "NominateCase" ? others : [.. others, Roles.RegionContact])
                {
                    data.Add(rpc, role);
                }
            }

            return data;
        }
    }

    private CaseSteps Steps => new(_cases, factory.Clock);

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task The_change_is_made_by_the_preparation_group(string rpc)
    {
        var change = Changes[rpc];
        var before = await change.Prepare(Steps);

        var after = await change.Send(_cases, before, before.Name, before.Etag, CaseSteps.PreparationGroup);

        Assert.Equal(int.Parse(before.Etag, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(after.Etag, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_malformed_name_and_a_missing_etag_are_one_field_violation_each_and_nothing_is_written(string rpc)
    {
        var change = Changes[rpc];
        var before = await change.Prepare(Steps);
        var written = await WrittenAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => change.Send(_cases, before, "cases/42", "", CaseSteps.PreparationGroup));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["etag", "name"], refused.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Equal(before, await Steps.GetAsync(before));
        Assert.Equal(written, await WrittenAsync());
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_change_to_an_unknown_case_is_not_found_and_writes_nothing(string rpc)
    {
        var change = Changes[rpc];
        var before = await change.Prepare(Steps);
        var written = await WrittenAsync();
        var unknown = $"cases/{Guid.NewGuid()}";

        var refused = await Assert.ThrowsAsync<RpcException>(() => change.Send(_cases, before, unknown, before.Etag, CaseSteps.PreparationGroup));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Equal(written, await WrittenAsync());
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_stale_etag_is_aborted_and_changes_nothing(string rpc)
    {
        var change = Changes[rpc];
        var read = await change.Prepare(Steps);
        // Someone else's change since the caller read the case: here a procurement report, which leaves the state as it is.
        await factory.DeliverAsync(new ProcurementStatusChanged { ProcurementId = Guid.NewGuid().ToString(), Title = "Ramavtal", CaseIds = { read.CaseId }, Summary = "Avtal tecknat." });
        var current = await Steps.GetAsync(read);
        var written = await WrittenAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => change.Send(_cases, read, read.Name, read.Etag, CaseSteps.PreparationGroup));

        Assert.Equal(StatusCode.Aborted, refused.StatusCode);
        Assert.Equal(current, await Steps.GetAsync(read));
        Assert.Equal(written, await WrittenAsync());
    }

    [Theory]
    [MemberData(nameof(RefusedRoles))]
    public async Task Only_the_rpc_s_roles_may_call_it_and_a_refusal_writes_nothing(string rpc, string role)
    {
        var change = Changes[rpc];
        var before = await change.Prepare(Steps);
        var written = await WrittenAsync();

        // The product was reported by region 13, so a contact person of region 13 is refused for the role, not the region.
        var refused = await Assert.ThrowsAsync<RpcException>(() => change.Send(_cases, before, before.Name, before.Etag, TestTokens.As(role, region: "13")));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(before, await Steps.GetAsync(before));
        Assert.Equal(written, await WrittenAsync());
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_call_without_a_token_is_unauthenticated(string rpc)
    {
        var change = Changes[rpc];
        var before = await change.Prepare(Steps);

        var refused = await Assert.ThrowsAsync<RpcException>(() => change.Send(_cases, before, before.Name, before.Etag, []));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(before, await Steps.GetAsync(before));
    }

    private static async Task<Case> Prioritised(CaseSteps s) => await s.PrioritiseAsync(await s.NominateAsync(await s.RegisterAsync()));

    private static async Task<Case> Accepted(CaseSteps s) => await s.AcceptAsync(await Prioritised(s));

    /// <summary>Everything a change writes besides the grain: read-model rows, their versions summed, and outbox messages.</summary>
    private async Task<(int Cases, int Versions, int Events)> WrittenAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        return (await db.Cases.CountAsync(), await db.Cases.SumAsync(c => c.Version), await db.Outbox.CountAsync());
    }
}
