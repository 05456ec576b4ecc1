using System.Globalization;
using System.Net.Http.Headers;
using Samverkan.Common.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Upphandling.V1;

namespace Samverkan.EndToEnd.Tests;

/// <summary>The upphandling module in the real standalone host: gRPC on its HTTP/2 port, the coordinator's pages on HTTP/1.1.</summary>
public sealed class UpphandlingTests
{
    [Fact]
    public async Task A_published_system_and_its_application_appear_on_the_coordinators_pages()
    {
        var directory = Directory.CreateTempSubdirectory("samverkan-e2e-upphandling-");
        try
        {
            await using var host = await StandaloneProcess.StartAsync(directory.FullName);
            await DriveAsync(host);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task DriveAsync(StandaloneProcess host)
    {
        var client = new UpphandlingService.UpphandlingServiceClient(host.CreateGrpcChannel());
        var coordinator = TestTokens.As(Roles.ProcurementCoordinator);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ServiceDefaults.Hosting.SwedishTime.Zone).DateTime);
        var system = (await client.CreateDynamicPurchasingSystemAsync(new CreateDynamicPurchasingSystemRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = new DynamicPurchasingSystem
            {
                Title = "Hörselimplantat DIS",
                CpvCodes = { "33185000-8" },
                Categories = { new DynamicPurchasingSystemCategory { Title = "Implantat", QualificationRequirements = "CE-märkning enligt MDR" } },
                ValidityStartDate = new Date { Year = today.Year, Month = today.Month, Day = today.Day },
                ValidityEndDate = new Date { Year = today.Year + 4, Month = 12, Day = 31 },
                ProcurementRegionCode = "E",
                RegionCodes = { "14" },
            },
        }, coordinator)).DynamicPurchasingSystem;
        system = (await client.PublishDynamicPurchasingSystemAsync(new PublishDynamicPurchasingSystemRequest { Name = system.Name, Etag = system.Etag, Reason = "Annonserat." }, coordinator)).DynamicPurchasingSystem;
        var application = (await client.SubmitSupplierApplicationAsync(new SubmitSupplierApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            System = system.Name,
            CategoryId = system.Categories[0].CategoryId,
            OrganisationNumber = "5560125790",
            SupplierName = "Audio Medica AB",
        }, coordinator)).SupplierApplication;

        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.ProcurementCoordinator));
        var worklist = await http.GetStringAsync(new Uri("/upphandling", UriKind.Relative));
        Assert.Contains("Hörselimplantat DIS", worklist, StringComparison.Ordinal);
        var page = await http.GetStringAsync(new Uri($"/upphandling/dynamic-purchasing-systems/{system.SystemId}", UriKind.Relative));
        Assert.Contains("556012-5790", page, StringComparison.Ordinal);
        var due = new DateOnly(application.DueDate.Year, application.DueDate.Month, application.DueDate.Day);
        Assert.Contains(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        // In the set-up phase: 10 working days after the first application window of 30 days.
        var windowEnd = new DateOnly(system.SetUpWindowEndDate.Year, system.SetUpWindowEndDate.Month, system.SetUpWindowEndDate.Day);
        Assert.Equal((today.AddDays(30), true), (windowEnd, application.SetUpPhase));
        Assert.InRange(due.DayNumber - windowEnd.DayNumber, 14, 24);
    }
}
