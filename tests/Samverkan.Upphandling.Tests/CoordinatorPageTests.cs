using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.Upphandling.Tests;

/// <summary>The upphandling service on real Kestrel ports: gRPC on HTTP/2, the coordinator's pages on HTTP/1.1.</summary>
public sealed class KestrelUpphandlingFactory : ServiceFactory<Program>
{
    public KestrelUpphandlingFactory()
        : this(FreePort.Next(), FreePort.Next())
    {
    }

    private KestrelUpphandlingFactory(int grpcPort, int httpPort)
        : base(new Dictionary<string, string?>
        {
            ["Endpoints:Grpc"] = $"http://127.0.0.1:{grpcPort}",
            ["Endpoints:Http"] = $"http://127.0.0.1:{httpPort}",
        })
    {
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        PageAddress = $"http://127.0.0.1:{httpPort}";
        UseKestrel();
    }

    public string GrpcAddress { get; }

    public string PageAddress { get; }
}

/// <summary>The coordinator's pages in a real headless Chromium (Debian's, as CI installs it).</summary>
public sealed class CoordinatorPageTests
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("SAMVERKAN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Fact]
    public async Task The_worklist_page_shows_the_item_and_the_system_created_through_grpc()
    {
        await using var factory = new KestrelUpphandlingFactory();
        factory.StartServer();
        var recommendation = new RecommendationSnapshot
        {
            RecommendationId = Guid.NewGuid().ToString(),
            Number = "MTP-2027-042",
            Version = 1,
            CaseId = Guid.NewGuid().ToString(),
            ProductDisplayName = "Sensorplåster <Barn>",
            Outcome = RecommendationOutcome.CanUse,
            Level = RecommendationLevel.National,
        };
        var published = new RecommendationPublished { Recommendation = recommendation };
        await factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(new EventEnvelope(Guid.NewGuid().ToString(),
            RecommendationPublished.Descriptor.FullName, "samverkan/tests", DateTimeOffset.UtcNow, null, JsonFormatter.Default.Format(published)), CancellationToken.None);

        using var channel = GrpcChannel.ForAddress(factory.GrpcAddress);
        var client = new UpphandlingService.UpphandlingServiceClient(channel);
        var item = (await client.ListCoordinationItemsAsync(new ListCoordinationItemsRequest(), Steps.Coordinator)).CoordinationItems.Single();
        await client.DecidePurchasingStrategyAsync(new DecidePurchasingStrategyRequest
        {
            Name = item.Name,
            Etag = item.Etag,
            Strategy = PurchasingStrategy.DynamicPurchasingSystem,
            Grounds = "Många leverantörer.",
            RegionCodes = { "13", "14" },
        }, Steps.Coordinator);
        var system = Steps.System(recommendation.RecommendationId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        system.ValidityStartDate = new Date { Year = today.Year, Month = today.Month, Day = today.Day };
        system.ValidityEndDate = new Date { Year = today.Year + 4, Month = 1, Day = 31 };
        var created = (await client.CreateDynamicPurchasingSystemAsync(new CreateDynamicPurchasingSystemRequest { RequestId = Guid.NewGuid().ToString(), System = system }, Steps.Coordinator)).DynamicPurchasingSystem;
        await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = created.Name, Etag = created.Etag, Reason = "Annonserat." }, Steps.Coordinator);
        await client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = created.Name,
            CategoryId = created.Categories[0].CategoryId,
            OrganisationNumber = Steps.Acme,
            SupplierName = "Acme Medical AB",
        }, Steps.Coordinator);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestTokens.For(Roles.ProcurementCoordinator) },
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(factory.PageAddress + "/upphandling");
        Assert.Equal(200, response?.Status);

        var row = page.Locator("#worklist tbody tr").Filter(new LocatorFilterOptions { HasText = "MTP-2027-042" });
        Assert.Equal(1, await row.CountAsync());
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["MTP-2027-042", "Sensorplåster <Barn>", "Decide the purchasing strategy for MTP-2027-042", "Decided", "a dynamic purchasing system", "13, 14"], cells.Take(6));
        Assert.True(await row.IsVisibleAsync());
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        Assert.True(screenshot.Length > 1000 && screenshot[1] == 'P' && screenshot[2] == 'N' && screenshot[3] == 'G');
        var box = await row.BoundingBoxAsync();
        Assert.True(box is { Width: > 0, Height: > 0 });

        await page.Locator("#systems a", new PageLocatorOptions { HasText = "Glukossensorer 2027–2031" }).ClickAsync();
        var application = page.Locator("#applications tbody tr").Filter(new LocatorFilterOptions { HasText = Steps.Acme });
        var due = Domain.SwedishCalendar.AddWorkingDays(Procurement.Fields.SwedishDate(DateTimeOffset.UtcNow), 10);
        Assert.Contains(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await application.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"{factory.PageAddress}/upphandling/recommendations/{recommendation.RecommendationId}/contracts");
        Assert.Equal(21, await page.Locator("#contracts tbody tr").CountAsync());

        using var anonymous = new HttpClient();
        using var refused = await anonymous.GetAsync(new Uri(factory.PageAddress + "/upphandling"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
