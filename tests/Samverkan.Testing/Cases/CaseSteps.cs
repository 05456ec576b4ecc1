using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Security;

namespace Samverkan.Testing.Cases;

/// <summary>Moves a case along its journey through the gRPC contract, one step per method, as the preparation group does.</summary>
public sealed class CaseSteps(CaseService.CaseServiceClient cases, TimeProvider clock)
{
    public static Metadata PreparationGroup => TestTokens.As(Roles.PreparationGroup, subject: "anna.berg");

    public async Task<Case> RegisterAsync(string name = "Insulinpump Omnia") =>
        (await cases.RegisterProductAsync(Products.Registration(name), PreparationGroup)).Case;

    public async Task<Case> NominateAsync(Case c) =>
        (await cases.NominateCaseAsync(new NominateCaseRequest { Name = c.Name, Etag = c.Etag, Reason = "Stor patientnytta för barn med typ 1-diabetes." }, PreparationGroup)).Case;

    public async Task<Case> PrioritiseAsync(Case c) =>
        (await cases.PrioritiseCaseAsync(new PrioritiseCaseRequest
        {
            Name = c.Name,
            Etag = c.Etag,
            Prioritisation = new Prioritisation
            {
                PatientNear = true,
                LargeVolumeOrCost = true,
                EstimatedTotalCost = new Money { CurrencyCode = "SEK", Units = 120_000_000 },
                RiskOfUnequalUse = true,
                Grounds = "Patientnära, hög totalkostnad och risk för ojämlik användning.",
            },
        }, PreparationGroup)).Case;

    public async Task<Case> AcceptAsync(Case c) =>
        (await cases.AcceptCaseAsync(new AcceptCaseRequest { Name = c.Name, Etag = c.Etag, Grounds = "Uppfyller kriterierna." }, PreparationGroup)).Case;

    public async Task<Case> OrderAssessmentAsync(Case c, int inDays = 60) =>
        (await cases.OrderAssessmentAsync(OrderRequest(c, inDays), PreparationGroup)).Case;

    public OrderAssessmentRequest OrderRequest(Case c, int inDays = 60)
    {
        var due = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(inDays);
        return new OrderAssessmentRequest
        {
            Name = c.Name,
            Etag = c.Etag,
            RequestId = Guid.NewGuid().ToString(),
            Assessor = Assessor.Tlv,
            Question = "Hälsoekonomisk bedömning jämfört med standardbehandling.",
            ExpectedDeliveryDate = new Date { Year = due.Year, Month = due.Month, Day = due.Day },
        };
    }

    public async Task<Case> DeliverAsync(Case c) =>
        (await cases.RecordAssessmentDeliveryAsync(new RecordAssessmentDeliveryRequest
        {
            Name = c.Name,
            Etag = c.Etag,
            AssessmentId = c.Assessments.Single(a => a.DeliveryTime is null).AssessmentId,
            ReportReference = "TLV 1234/2026",
            Summary = "Kostnadseffektiv vid HbA1c över 70.",
        }, PreparationGroup)).Case;

    public async Task<Case> MarkReadyAsync(Case c) =>
        (await cases.MarkReadyForCouncilAsync(new MarkReadyForCouncilRequest { Name = c.Name, Etag = c.Etag, Reason = "Underlaget är komplett." }, PreparationGroup)).Case;

    /// <summary>Registered, nominated, prioritised, accepted, assessed and ready for the council.</summary>
    public async Task<Case> ReadyForCouncilAsync(string name = "Insulinpump Omnia")
    {
        var c = await AcceptAsync(await PrioritiseAsync(await NominateAsync(await RegisterAsync(name))));
        return await MarkReadyAsync(await DeliverAsync(await OrderAssessmentAsync(c)));
    }

    public async Task<Case> GetAsync(Case c) =>
        (await cases.GetCaseAsync(new GetCaseRequest { Name = c.Name }, TestTokens.As(Roles.Operator))).Case;
}
