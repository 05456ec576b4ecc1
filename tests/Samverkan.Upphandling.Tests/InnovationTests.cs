using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing.Timers;
using Samverkan.Events.V1;
using Samverkan.Testing;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

public sealed class InnovationTests
{
    internal static InnovationProcurement Partnership(string recommendationId) => new()
    {
        Kind = InnovationProcurementKind.Partnership,
        Title = "Sensorplåster för barn",
        NeedStatement = "Ingen sensor på marknaden klarar barns hud i 14 dagar.",
        Partners =
        {
            new InnovationPartner { OrganisationNumber = Steps.Acme, Name = "Acme Medical AB" },
            new InnovationPartner { OrganisationNumber = Steps.Volvo, Name = "Volvo AB" },
        },
        Milestones =
        {
            Milestone(InnovationPhase.ResearchAndDevelopment, 2027, 6, 30),
            Milestone(InnovationPhase.Prototype, 2027, 12, 31),
            Milestone(InnovationPhase.Pilot, 2028, 6, 30),
            Milestone(InnovationPhase.Purchase, 2028, 12, 31),
        },
        RecommendationIds = { recommendationId },
        RegionCodes = { "12", "13" },
    };

    private static InnovationMilestone Milestone(InnovationPhase phase, int year, int month, int day) => new()
    {
        Phase = phase,
        InterimTarget = "Delmål för " + phase,
        TargetDate = new Date { Year = year, Month = month, Day = day },
    };

    [Fact]
    public async Task A_partnership_runs_its_phases_in_order_drops_a_partner_after_a_phase_and_flags_overdue_milestones()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var created = (await client.CreateInnovationProcurementAsync(new CreateInnovationProcurementRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Procurement = Partnership(recommendation.RecommendationId),
        }, Steps.Coordinator)).InnovationProcurement;
        Assert.Equal(InnovationPhase.Unspecified, created.CurrentPhase);
        Assert.Equal([("innovation-procurement.created", "koordinator")], await factory.AuditAsync(created.Name));

        var error = await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.Prototype,
            Reason = "Hoppar över.",
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["phase"], error.Fields());

        error = await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.ResearchAndDevelopment,
            Reason = "Start.",
            DroppedOrganisationNumbers = { Steps.Volvo },
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["dropped_organisation_numbers"], error.Fields());

        created = (await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.ResearchAndDevelopment,
            Reason = "FoU påbörjad.",
        }, Steps.Coordinator)).InnovationProcurement;
        factory.SetDate(new DateOnly(2028, 1, 10));
        var read = (await client.GetInnovationProcurementAsync(new GetInnovationProcurementRequest { Name = created.Name }, Steps.Coordinator)).InnovationProcurement;
        Assert.Equal([false, true, false, false], read.Milestones.Select(m => m.Overdue));
        await FireTimersAsync(factory);
        await FireTimersAsync(factory);
        var overdue = Assert.Single(await factory.ProcurementEventsAsync(), e => e.Change == ProcurementChange.MilestoneOverdue);
        Assert.Equal(new Date { Year = 2027, Month = 12, Day = 31 }, overdue.DueDate);
        Assert.Equal([recommendation.CaseId], overdue.CaseIds);

        error = await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.Prototype,
            Reason = "Alla bort.",
            DroppedOrganisationNumbers = { Steps.Volvo, Steps.Acme },
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["dropped_organisation_numbers"], error.Fields());

        var advanced = (await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.Prototype,
            Reason = "Prototyp godkänd.",
            DroppedOrganisationNumbers = { Steps.Volvo },
        }, Steps.Coordinator)).InnovationProcurement;

        Assert.Equal(InnovationPhase.Prototype, advanced.CurrentPhase);
        var volvo = advanced.Partners.Single(p => p.OrganisationNumber == Steps.Volvo);
        Assert.True(volvo.Dropped);
        Assert.Equal(InnovationPhase.ResearchAndDevelopment, volvo.DroppedAfter);
        Assert.All(advanced.Milestones, m => Assert.False(m.Overdue));
        var events = await factory.ProcurementEventsAsync();
        Assert.Equal([ProcurementChange.InnovationPhaseReached, ProcurementChange.MilestoneOverdue, ProcurementChange.InnovationPhaseReached], events.Select(e => e.Change));

        // Pilot is due 30 June 2028: reached before then, its timer is gone and nothing goes out.
        await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest { Name = created.Name, Etag = advanced.Etag, Phase = InnovationPhase.Pilot, Reason = "Pilot i gång." }, Steps.Coordinator);
        factory.SetDate(new DateOnly(2028, 7, 1));
        await FireTimersAsync(factory);
        Assert.Single(await factory.ProcurementEventsAsync(), e => e.Change == ProcurementChange.MilestoneOverdue);
        Assert.Equal([recommendation.CaseId], events[2].CaseIds);
        Assert.Contains("dropped: " + Steps.Volvo, events[2].Summary, StringComparison.Ordinal);
    }

    private static Task<int> FireTimersAsync(UpphandlingFactory factory) =>
        factory.Services.GetRequiredService<TimerRunner<UpphandlingDbContext>>().FireDueAsync(CancellationToken.None);

    [Fact]
    public async Task Bad_innovation_procurements_are_refused_field_by_field()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var bad = Partnership(recommendation.RecommendationId);
        bad.NeedStatement = "";
        bad.Partners.Add(new InnovationPartner { OrganisationNumber = "123456-7890", Name = "Fel AB" });
        bad.Milestones[1].Phase = InnovationPhase.Pilot;
        bad.Milestones[2].Phase = InnovationPhase.Prototype;
        bad.Milestones[3].TargetDate = new Date { Year = 2028, Month = 1, Day = 1 };

        var error = await factory.RefusedAsync(() => factory.Client().CreateInnovationProcurementAsync(
            new CreateInnovationProcurementRequest { RequestId = Guid.NewGuid().ToString(), Procurement = bad }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(
            ["procurement.need_statement", "procurement.partners[2].organisation_number", "procurement.milestones[1].phase",
                "procurement.milestones[2].phase", "procurement.milestones[3].target_date"],
            error.Fields());
    }

    [Fact]
    public async Task A_pre_commercial_procurement_runs_solution_design_prototype_first_batch_without_dropping_partners()
    {
        await using var factory = new UpphandlingFactory();
        var recommendation = await factory.PublishRecommendationAsync();
        var client = factory.Client();
        var pcp = new InnovationProcurement
        {
            Kind = InnovationProcurementKind.PreCommercial,
            Title = "Förkommersiell upphandling av sensorplåster",
            Partners = { new InnovationPartner { OrganisationNumber = Steps.Acme, Name = "Acme" }, new InnovationPartner { OrganisationNumber = Steps.Volvo, Name = "Volvo" } },
            Milestones =
            {
                Milestone(InnovationPhase.SolutionDesign, 2027, 6, 1),
                Milestone(InnovationPhase.Prototype, 2027, 12, 1),
                Milestone(InnovationPhase.FirstBatch, 2028, 6, 1),
            },
            RecommendationIds = { recommendation.RecommendationId },
            RegionCodes = { "01" },
        };
        var created = (await client.CreateInnovationProcurementAsync(new CreateInnovationProcurementRequest { RequestId = Guid.NewGuid().ToString(), Procurement = pcp }, Steps.Coordinator)).InnovationProcurement;
        created = (await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest { Name = created.Name, Etag = created.Etag, Phase = InnovationPhase.SolutionDesign, Reason = "Start." }, Steps.Coordinator)).InnovationProcurement;

        var error = await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.Prototype,
            Reason = "Vidare.",
            DroppedOrganisationNumbers = { Steps.Volvo },
        }, Steps.Coordinator), StatusCode.InvalidArgument);
        Assert.Equal(["dropped_organisation_numbers"], error.Fields());
        created = (await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest { Name = created.Name, Etag = created.Etag, Phase = InnovationPhase.Prototype, Reason = "Vidare." }, Steps.Coordinator)).InnovationProcurement;
        created = (await client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest { Name = created.Name, Etag = created.Etag, Phase = InnovationPhase.FirstBatch, Reason = "Sista." }, Steps.Coordinator)).InnovationProcurement;

        error = await factory.RefusedAsync(() => client.AdvanceInnovationPhaseAsync(new AdvanceInnovationPhaseRequest
        {
            Name = created.Name,
            Etag = created.Etag,
            Phase = InnovationPhase.Purchase,
            Reason = "Kommersiell volym.",
        }, Steps.Coordinator), StatusCode.FailedPrecondition);
        Assert.Equal("LAST_PHASE_REACHED", error.ErrorInfo()?.Reason);
    }
}
