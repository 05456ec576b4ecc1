using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverkan.Common.V1;
using Samverkan.Eventing;
using Samverkan.Events.V1;
using Samverkan.FollowUp.Data;
using Samverkan.FollowUp.Grpc;
using Samverkan.FollowUp.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>The follow-up service on PostgreSQL: its migrations, the grain over ADO.NET clustering, history and the deadline timer across a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FollowUpOnPostgresTests(PostgresFixture postgres)
{
    private static readonly string[] Regions = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];

    [Fact]
    public async Task Twenty_one_regions_report_at_once_and_a_restarted_service_keeps_history_uptake_and_the_deadline()
    {
        var settings = await PostgresSettings.ForAsync(postgres, "followup", "FollowUp", "ReferenceData", "Orleans");
        var start = DateTimeOffset.UtcNow;
        // Stage dates are Swedish dates: today in Sweden.
        var id = Guid.NewGuid().ToString();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Samverkan.ServiceDefaults.Hosting.SwedishTime.Zone).DateTime);
        var lastQuarter = new UptakePeriod { Year = today.AddMonths(-3).Year, Quarter = ((today.AddMonths(-3).Month - 1) / 3) + 1 };

        await using (var first = Host(settings))
        {
            var client = new FollowUpService.FollowUpServiceClient(first.CreateGrpcChannel());
            await DeliverAsync(first, new RecommendationPublished
            {
                Recommendation = new RecommendationSnapshot
                {
                    RecommendationId = id,
                    Number = "MTP-2026-012",
                    Version = 1,
                    CaseId = Guid.NewGuid().ToString(),
                    ProductDisplayName = "Slutet system för insulintillförsel",
                    // Already passed, so the restarted host's first timer run finds it due without moving any clock.
                    FollowUpDeadline = Date(today.AddDays(-1)),
                    PublishTime = Timestamp.FromDateTimeOffset(start.AddHours(-1)),
                },
            });
            await Task.WhenAll(Regions.Select(region => client.ReportStageAsync(new ReportStageRequest
            {
                Name = Name(id, region),
                Stage = FollowUpStage.Received,
                Date = Date(today),
            }, Contact(region)).ResponseAsync));
            await client.ReportStageAsync(new ReportStageRequest
            {
                Name = Name(id, "13"),
                Stage = FollowUpStage.Decided,
                Date = Date(today),
                Decision = RegionalDecision.Follows,
                DecisionGrounds = "Enligt PER:s förslag.",
                DecisionReference = "RS 2026-0113",
            }, Contact("13"));
            foreach (var (region, value) in new[] { ("01", 2473.307), ("14", 3545.642), ("13", 171.873) })
            {
                await client.ReportUptakeAsync(new ReportUptakeRequest { FollowUp = Name(id, region), Period = lastQuarter, Measure = UptakeMeasure.PatientsTreated, Value = value }, Contact(region));
            }
        }

        settings["Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var second = Host(settings);
        var reader = new FollowUpService.FollowUpServiceClient(second.CreateGrpcChannel());

        // The restarted host's own timer runner fires the deadline that passed while it was down.
        var matrix = await Eventually.Until(
            async () => await reader.GetFollowUpMatrixAsync(new GetFollowUpMatrixRequest { RecommendationId = id }, TestTokens.As(Roles.Operator)),
            m => m.RegionsOverdue > 0, what: "the overdue regions after the restart");
        Assert.Equal((21, 1, 20), (matrix.Rows.Count, matrix.RegionsDecided, matrix.RegionsOverdue));
        Assert.All(matrix.Rows.Where(r => r.RegionCode != "13"), r => Assert.Equal((FollowUpStage.Received, true), (r.Stage, r.Overdue)));
        var halland = (await reader.GetFollowUpAsync(new GetFollowUpRequest { Name = Name(id, "13") }, TestTokens.As(Roles.Operator))).FollowUp;
        Assert.Equal([FollowUpStage.Received, FollowUpStage.Decided], halland.History.Select(h => h.Stage));
        Assert.Equal("RS 2026-0113", halland.History[1].DecisionReference);

        var measures = await reader.GetUptakeMeasuresAsync(new GetUptakeMeasuresRequest { RecommendationId = id, Period = lastQuarter, Measure = UptakeMeasure.PatientsTreated }, TestTokens.As(Roles.Operator));
        Assert.Equal((134.88, 0.5345, 4.0), (Math.Round(measures.NationalRatePer100K, 2), Math.Round(measures.CoefficientOfVariation, 4), Math.Round(measures.MaxMinRatio, 9)));

        await using var db = await second.Services.GetRequiredService<IDbContextFactory<FollowUpDbContext>>().CreateDbContextAsync();
        Assert.Equal(20, await db.Outbox.CountAsync(m => m.Type == FollowUpOverdue.Descriptor.FullName && m.Data.Contains(id)));
        Assert.Equal(22, await db.Outbox.CountAsync(m => m.Type == FollowUpReported.Descriptor.FullName && m.Data.Contains(id)));
    }

    /// <summary>
    /// A host on real time (Orleans' ADO.NET membership reads the same clock, so it is not moved); its timer runner
    /// polls once, when the host starts.
    /// </summary>
    private static ServiceFactory<FollowUpGrpcService> Host(Dictionary<string, string?> settings) =>
        new(new Dictionary<string, string?>(settings) { ["Timers:PollInterval"] = "1.00:00:00" });

    private static Task DeliverAsync(ServiceFactory<FollowUpGrpcService> host, IMessage payload) =>
        host.Services.GetRequiredService<EventDispatcher>().DispatchAsync(
            new EventEnvelope(Guid.NewGuid().ToString(), payload.Descriptor.FullName, "samverkan/tests", DateTimeOffset.UtcNow, null, JsonFormatter.Default.Format(payload)),
            CancellationToken.None);

    private static Grpc.Core.Metadata Contact(string region) => TestTokens.As(Roles.RegionContact, region, "kontakt-" + region);

    private static string Name(string id, string region) => $"recommendations/{id}/followUps/{region}";

    private static Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
