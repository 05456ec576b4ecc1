using Grpc.Core;
using Samverkan.Cases.V1;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Hosting;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// Procurement through the real standalone host: the council publishes, the coordinator decides on a dynamic
/// purchasing system, three suppliers apply and are admitted, rejected and extended, a call-off is awarded after its
/// tender deadline on the controllable clock, and Cases shows the procurement summary the events brought it.
/// </summary>
public sealed class UpphandlingJourneyTests : IAsyncLifetime
{
    // Valid Swedish organisation numbers: the last digit is the Luhn check digit of the first nine.
    private const string Admitted = "556677-8899";
    private const string Rejected = "556012-5790";
    private const string Extended = "556703-7485";

    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-upphandling-journey-");
    private StandaloneProcess _host = null!;

    private static Metadata Coordinator => TestTokens.As(Roles.ProcurementCoordinator, subject: "koordinator");

    public async Task InitializeAsync() =>
        _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName, new Dictionary<string, string> { ["Clock__Controllable"] = "true" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_published_recommendation_becomes_a_dynamic_purchasing_system_whose_awarded_call_off_shows_on_the_case()
    {
        var steps = new JourneySteps(_host);
        var upphandling = new UpphandlingService.UpphandlingServiceClient(_host.CreateGrpcChannel());
        var today = TimeProvider.System.Today();
        var readyCase = await steps.ReadyCaseAsync("Glukossensor " + Guid.NewGuid().ToString("N")[..6]);
        var recommendation = await steps.PublishAsync(readyCase.CaseId, today, today.AddDays(90));

        var item = await Eventually.Until(
            async () => (await upphandling.ListCoordinationItemsAsync(new ListCoordinationItemsRequest { PageSize = 100 }, Coordinator)).CoordinationItems
                .SingleOrDefault(i => i.RecommendationId == recommendation.RecommendationId),
            i => i is not null, what: "the worklist item for the published recommendation");
        Assert.Equal((readyCase.CaseId, CoordinationItemState.Open), (item!.CaseId, item.State));
        var decided = (await upphandling.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.DynamicPurchasingSystem,
            Grounds = "Flera leverantörer, regionerna saknar avtal.",
            RegionCodes = { "07", "10", "13" },
        }, Coordinator)).CoordinationItem;
        Assert.Equal(CoordinationItemState.Decided, decided.State);

        var system = await PublishedSystemAsync(upphandling, recommendation.RecommendationId, today);
        var category = system.Categories[0].CategoryId;
        var admitted = await ApplyAsync(upphandling, system, Admitted);
        var rejected = await ApplyAsync(upphandling, system, Rejected);
        var extended = await ApplyAsync(upphandling, system, Extended);

        admitted = await DecideAsync(upphandling, admitted, QualificationDecision.Admitted, "Uppfyller kraven.");
        Assert.False(admitted.Late);
        Assert.True(ToDateOnly(admitted.DueDate) >= today);
        // Before the first call-off the first application window (30 days) sets the due date.
        Assert.True(admitted.SetUpPhase);
        rejected = await DecideAsync(upphandling, rejected, QualificationDecision.Rejected, "Saknar CE-märkning enligt MDR.");
        Assert.Equal("Saknar CE-märkning enligt MDR.", rejected.DecisionGrounds);
        var dueBefore = ToDateOnly(extended.DueDate);
        extended = (await upphandling.ExtendQualificationAssessmentAsync(new ExtendQualificationAssessmentRequest
        {
            Name = extended.Name,
            Etag = extended.Etag,
            Reason = "Kompletterande underlag om kliniska data begärt.",
        }, Coordinator)).SupplierApplication;
        Assert.Equal((true, "Kompletterande underlag om kliniska data begärt.", QualificationDecision.Unspecified), (extended.Extended, extended.ExtensionReason, extended.Decision));
        Assert.True(ToDateOnly(extended.DueDate) > dueBefore);

        // Only the admitted supplier is invited; the extended application is still undecided.
        var tenderDeadline = today.AddDays(10);
        var callOff = (await upphandling.CreateCallOffAsync(new CreateCallOffRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = category,
            Title = "Avrop sensorer 2027",
            InvitedOrganisationNumbers = { Admitted },
            TenderDeadline = JourneySteps.ToDate(tenderDeadline),
        }, Coordinator)).CallOff;
        await upphandling.RecordTenderAsync(new RecordTenderRequest
        {
            Name = callOff.Name,
            OrganisationNumber = Admitted,
            Price = new Money { CurrencyCode = "SEK", Units = 1_250_000 },
        }, Coordinator);
        var award = new AwardCallOffRequest { Name = callOff.Name, OrganisationNumber = Admitted, Grounds = "Enda anbudet, uppfyller kraven." };
        var early = await Assert.ThrowsAsync<RpcException>(() => upphandling.AwardCallOffAsync(award, Coordinator).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);

        await steps.AdvanceClockAsync(TimeSpan.FromDays(11));
        var awarded = (await upphandling.AwardCallOffAsync(award, Coordinator)).CallOff;
        Assert.Equal((CallOffState.Awarded, Admitted), (awarded.State, awarded.AwardedOrganisationNumber));
        Assert.Equal([Admitted], awarded.InvitedOrganisationNumbers);

        // ProcurementStatusChanged went through the outbox and the bus: the case shows each activity at its latest change,
        // named as Cases stores it (the change enum's C# name).
        var summary = await Eventually.Until(
            async () => (await steps.Cases.GetCaseAsync(new GetCaseRequest { Name = readyCase.Name }, JourneySteps.Operator)).Case.ProcurementActivities,
            a => a.Any(p => p.ProcurementId == system.SystemId && p.LatestChange == "PROCUREMENT_CHANGE_CALL_OFF_AWARDED"),
            timeout: TimeSpan.FromSeconds(60), what: "Cases showing the awarded call-off");
        var dps = summary.Single(p => p.ProcurementId == system.SystemId);
        Assert.Equal(system.Title, dps.Title);
        Assert.Contains(Admitted, dps.Summary, StringComparison.Ordinal);
        Assert.Equal("PROCUREMENT_CHANGE_STRATEGY_DECIDED", summary.Single(p => p.ProcurementId == item.ItemId).LatestChange);
    }

    private static async Task<DynamicPurchasingSystem> PublishedSystemAsync(UpphandlingService.UpphandlingServiceClient client, string recommendationId, DateOnly today)
    {
        var system = (await client.CreateDynamicPurchasingSystemAsync(new CreateDynamicPurchasingSystemRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = new DynamicPurchasingSystem
            {
                Title = "Glukossensorer " + today.Year,
                CpvCodes = { "33140000-3" },
                Categories = { new DynamicPurchasingSystemCategory { Title = "Sensorer", QualificationRequirements = "CE-märkning enligt MDR, ISO 13485" } },
                ValidityStartDate = JourneySteps.ToDate(today),
                ValidityEndDate = JourneySteps.ToDate(today.AddYears(4)),
                ProcurementRegionCode = "G",
                RegionCodes = { "07", "10", "13" },
                RecommendationIds = { recommendationId },
            },
        }, Coordinator)).DynamicPurchasingSystem;
        system = (await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = system.Name, Etag = system.Etag, Reason = "Annonserat i TED." }, Coordinator)).DynamicPurchasingSystem;
        Assert.Equal(DynamicPurchasingSystemState.Published, system.State);
        return system;
    }

    private static async Task<SupplierApplication> ApplyAsync(UpphandlingService.UpphandlingServiceClient client, DynamicPurchasingSystem system, string organisationNumber) =>
        (await client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            OrganisationNumber = organisationNumber,
            SupplierName = "Leverantör " + organisationNumber,
        }, Coordinator)).SupplierApplication;

    private static async Task<SupplierApplication> DecideAsync(UpphandlingService.UpphandlingServiceClient client, SupplierApplication application,
        QualificationDecision decision, string grounds) =>
        (await client.DecideQualificationAsync(new DecideQualificationRequest { Name = application.Name, Etag = application.Etag, Decision = decision, Grounds = grounds }, Coordinator)).SupplierApplication;

    private static DateOnly ToDateOnly(Date d) => new(d.Year, d.Month, d.Day);
}
