using Samverkan.Cases.Domain;
using Samverkan.Cases.Grains;

namespace Samverkan.Standalone.DemoData;

/// <summary>
/// Registers a few products so a newcomer's first ListCases or GetCase has something to show. The request ids are
/// fixed, so registering again on the next start returns the same cases instead of adding new ones.
/// </summary>
internal sealed partial class DemoDataSeeder(IGrainFactory grains, ILogger<DemoDataSeeder> logger) : IHostedService
{
    private static readonly AuditActor Seeder = new() { Subject = "demo-data", Organisation = "Samverkan.Platform" };

    private static readonly (Guid RequestId, ProductDetails Product)[] Products =
    [
        (Guid.Parse("6f1c2a7e-0d3b-4c55-9a51-0a1f2b3c4d01"), new ProductDetails
        {
            DisplayName = "Glukossensor för kontinuerlig mätning (demo)",
            Manufacturer = "Demo Medical AB",
            Description = "Sensor som mäter glukos i vävnadsvätska och larmar vid hypoglykemi.",
            Regulation = Regulation.Mdr,
            RiskClass = RiskClass.MdrIIb,
            CeMarking = CeMarking.Marked,
            ProgrammeAreaCodes = ["endokrina-sjukdomar"],
            Source = ProductSource.ProgrammeArea,
            SourceDetail = "endokrina-sjukdomar",
        }),
        (Guid.Parse("6f1c2a7e-0d3b-4c55-9a51-0a1f2b3c4d02"), new ProductDetails
        {
            DisplayName = "AI-stöd för bedömning av hudförändringar (demo)",
            Manufacturer = "Demo Diagnostics AB",
            Description = "Programvara som klassificerar dermatoskopibilder som stöd för remissbedömning.",
            Regulation = Regulation.Mdr,
            RiskClass = RiskClass.MdrIIa,
            CeMarking = CeMarking.Pending,
            IsSoftware = true,
            ProgrammeAreaCodes = ["hud-venereologi", "cancer"],
            Source = ProductSource.Region,
            SourceDetail = "13",
        }),
        (Guid.Parse("6f1c2a7e-0d3b-4c55-9a51-0a1f2b3c4d03"), new ProductDetails
        {
            DisplayName = "Snabbtest för sepsis (demo)",
            Manufacturer = "Demo IVD AB",
            Description = "Patientnära test som mäter biomarkörer för sepsis på akutmottagning.",
            Regulation = Regulation.Ivdr,
            RiskClass = RiskClass.IvdrC,
            CeMarking = CeMarking.Marked,
            ProgrammeAreaCodes = ["akutvard", "infektion"],
            Source = ProductSource.Tlv,
        }),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (requestId, product) in Products)
        {
            await grains.GetGrain<IProductGrain>(CaseIds.FromRequestId(requestId))
                .RegisterAsync(new RegisterProduct { RequestId = requestId, Product = product, Actor = Seeder });
        }

        LogSeeded(logger, Products.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, EventName = "demo-data.seeded", Level = LogLevel.Information, Message = "{Count} demonstration cases are in place")]
    private static partial void LogSeeded(ILogger logger, int count);
}
