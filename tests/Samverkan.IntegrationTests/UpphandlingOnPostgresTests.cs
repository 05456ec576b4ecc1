using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.Data;
using Samverkan.Upphandling.Grpc;
using Samverkan.Upphandling.V1;

namespace Samverkan.IntegrationTests;

/// <summary>Procurement coordination on PostgreSQL: its array columns, queries over them and the outbox, across a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UpphandlingOnPostgresTests(PostgresFixture postgres)
{
    private static readonly Metadata Coordinator = TestTokens.As(Roles.ProcurementCoordinator);

    [Fact]
    public async Task A_purchasing_system_from_recommendation_to_award_and_the_product_view_after_a_restart()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "upphandling", "Upphandling");
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 22, 8, 0, 0, TimeSpan.Zero));
        var caseId = Guid.NewGuid().ToString();
        var recommendationId = Guid.NewGuid().ToString();
        DynamicPurchasingSystem system;
        await using (var first = new ServiceFactory<UpphandlingGrpcService>(settings) { TestServices = s => s.AddSingleton<TimeProvider>(clock) })
        {
            var published = new RecommendationPublished
            {
                Recommendation = new RecommendationSnapshot
                {
                    RecommendationId = recommendationId,
                    Number = "MTP-2027-011",
                    Version = 1,
                    CaseId = caseId,
                    ProductDisplayName = "Insulinpump Nova",
                    ProgrammeAreaCodes = { "endokrina-sjukdomar" },
                },
            };
            var envelope = new EventEnvelope("evt-pg-1", RecommendationPublished.Descriptor.FullName, "samverkan/tests", clock.GetUtcNow(), null,
                JsonFormatter.Default.Format(published));
            var dispatcher = first.Services.GetRequiredService<EventDispatcher>();
            await dispatcher.DispatchAsync(envelope, CancellationToken.None);
            await dispatcher.DispatchAsync(envelope, CancellationToken.None);

            var client = new UpphandlingService.UpphandlingServiceClient(first.CreateGrpcChannel());
            var item = Assert.Single((await client.ListCoordinationItemsAsync(new ListCoordinationItemsRequest(), Coordinator)).CoordinationItems);
            var decide = new DecidePurchasingStrategyRequest
            {
                Name = item.Name,
                Etag = item.Etag,
                Strategy = PurchasingStrategy.DynamicPurchasingSystem,
                Grounds = "Många leverantörer.",
                RegionCodes = { "12", "13" },
            };
            await client.DecidePurchasingStrategyAsync(decide, Coordinator);

            // The revision column is the concurrency token on PostgreSQL too: the etag read before the decision is stale.
            var stale = await Assert.ThrowsAsync<RpcException>(() => client.DecidePurchasingStrategyAsync(decide, Coordinator).ResponseAsync);
            Assert.Equal(StatusCode.Aborted, stale.StatusCode);
            await client.RegisterContractAsync(new RegisterContractRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Contract = new Contract
                {
                    RegionCode = "12",
                    SupplierName = "Acme",
                    SupplierOrganisationNumber = "556677-8899",
                    ProductArea = "Insulinpumpar",
                    ProgrammeAreaCode = "endokrina-sjukdomar",
                    StartDate = new Date { Year = 2026, Month = 1, Day = 1 },
                    EndDate = new Date { Year = 2027, Month = 12, Day = 31 },
                    ExtensionEndDates = { new Date { Year = 2028, Month = 12, Day = 31 } },
                },
            }, Coordinator);

            system = (await client.CreateDynamicPurchasingSystemAsync(new CreateDynamicPurchasingSystemRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                System = new DynamicPurchasingSystem
                {
                    Title = "Insulinpumpar",
                    CpvCodes = { "33140000-3" },
                    Categories = { new DynamicPurchasingSystemCategory { Title = "Pumpar", QualificationRequirements = "CE-märkning" } },
                    ValidityStartDate = new Date { Year = 2027, Month = 3, Day = 22 },
                    ValidityEndDate = new Date { Year = 2031, Month = 3, Day = 21 },
                    ProcurementRegionCode = "H",
                    RegionCodes = { "12", "13" },
                    RecommendationIds = { recommendationId },
                },
            }, Coordinator)).DynamicPurchasingSystem;
            await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = system.Name, Etag = system.Etag, Reason = "Annonserat." }, Coordinator);
            var applications = new List<SupplierApplication>();
            foreach (var number in new[] { "556677-8899", "556012-5790" })
            {
                applications.Add((await client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
                {
                    RequestId = Guid.NewGuid().ToString(),
                    System = system.Name,
                    CategoryId = system.Categories[0].CategoryId,
                    OrganisationNumber = number,
                    SupplierName = number,
                }, Coordinator)).SupplierApplication);
            }

            // Before the first call-off: 10 working days after the first application window, 30 days from publication on 22 March.
            Assert.All(applications, a => Assert.Equal((new Date { Year = 2027, Month = 5, Day = 5 }, true), (a.DueDate, a.SetUpPhase)));
            var near = await client.ListApplicationsNearingDueDateAsync(new ListApplicationsNearingDueDateRequest { WithinWorkingDays = 15 }, Coordinator);
            Assert.Empty(near.Applications);
            foreach (var application in applications)
            {
                await client.DecideQualificationAsync(new DecideQualificationRequest
                {
                    Name = application.Name,
                    Etag = application.Etag,
                    Decision = QualificationDecision.Admitted,
                    Grounds = "Uppfyller kraven.",
                }, Coordinator);
            }

            var callOff = (await client.CreateCallOffAsync(new CreateCallOffRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                System = system.Name,
                CategoryId = system.Categories[0].CategoryId,
                Title = "Pumpar till Skåne",
                InvitedOrganisationNumbers = { "556677-8899", "556012-5790" },
                TenderDeadline = new Date { Year = 2027, Month = 4, Day = 1 },
            }, Coordinator)).CallOff;
            await client.RecordTenderAsync(new RecordTenderRequest
            {
                Name = callOff.Name,
                OrganisationNumber = "556012-5790",
                Price = new Money { CurrencyCode = "SEK", Units = 900_000 },
            }, Coordinator);
            clock.Advance(TimeSpan.FromDays(11));
            await client.AwardCallOffAsync(new AwardCallOffRequest { Name = callOff.Name, OrganisationNumber = "556012-5790", Grounds = "Enda anbudet." }, Coordinator);
        }

        await using var second = new ServiceFactory<UpphandlingGrpcService>(settings) { TestServices = s => s.AddSingleton<TimeProvider>(clock) };
        var again = new UpphandlingService.UpphandlingServiceClient(second.CreateGrpcChannel());
        var view = (await again.GetProductProcurementAsync(new GetProductProcurementRequest { CaseId = caseId }, TestTokens.As(Roles.Operator))).ProductProcurement;
        Assert.Equal(CoordinationItemState.Decided, Assert.Single(view.CoordinationItems).State);
        Assert.Equal(system.SystemId, Assert.Single(view.DynamicPurchasingSystems).SystemId);
        var coverage = await again.GetRecommendationContractsAsync(new GetRecommendationContractsRequest { RecommendationId = recommendationId }, Coordinator);
        var skane = coverage.Regions.Single(r => r.RegionCode == "12");
        Assert.True(skane.Covered);
        Assert.Equal(new Date { Year = 2028, Month = 12, Day = 31 }, skane.ExpiryDate);

        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpphandlingDbContext>();
        var changes = (await db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync())
            .Select(m => ProcurementStatusChanged.Parser.ParseJson(m.Data).Change).ToList();
        Assert.Equal(
            [ProcurementChange.StrategyDecided, ProcurementChange.DpsPublished, ProcurementChange.ApplicationReceived, ProcurementChange.ApplicationReceived,
                ProcurementChange.SupplierAdmitted, ProcurementChange.SupplierAdmitted, ProcurementChange.CallOffAwarded],
            changes);
    }
}
