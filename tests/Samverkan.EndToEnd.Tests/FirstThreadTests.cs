using Samverkan.Cases.V1;
using Samverkan.FollowUp.V1;
using Samverkan.Notifications.V1;
using Samverkan.ServiceDefaults.Security;
using Samverkan.Testing;
using Samverkan.Testing.Cases;

namespace Samverkan.EndToEnd.Tests;

/// <summary>
/// The skeleton's thread through the real standalone host: a product registered in Cases opens a case, CaseOpened
/// reaches the Notifications feed, FollowUp is not concerned, and everything survives a restart.
/// </summary>
public sealed class FirstThreadTests : IAsyncLifetime
{
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("samverkan-e2e-");
    private StandaloneProcess _host = null!;

    public async Task InitializeAsync() => _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _workingDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_registered_product_reaches_the_feed_not_follow_up_and_survives_a_restart()
    {
        var caseService = new CaseService.CaseServiceClient(_host.CreateGrpcChannel());
        var registration = Products.Registration("Hörselimplantat Nova");

        var opened = (await caseService.RegisterProductAsync(registration, TestTokens.As(Roles.PreparationGroup))).Case;

        var feed = new NotificationService.NotificationServiceClient(_host.CreateGrpcChannel());
        var items = await Eventually.Until(
            async () => (await feed.ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator))).FeedItems,
            found => found.Any(i => i.CaseId == opened.CaseId),
            what: "CaseOpened in the feed");
        var item = Assert.Single(items, i => i.CaseId == opened.CaseId);
        Assert.Equal("samverkan.events.v1.CaseOpened", item.EventType);

        var followUp = new FollowUpService.FollowUpServiceClient(_host.CreateGrpcChannel());
        var followUps = await followUp.ListFollowUpsAsync(new ListFollowUpsRequest { CaseId = opened.CaseId }, TestTokens.As(Roles.Operator));
        Assert.Empty(followUps.FollowUps);

        await _host.StopAsync();
        _host = await StandaloneProcess.StartAsync(_workingDirectory.FullName);

        var afterRestart = (await new CaseService.CaseServiceClient(_host.CreateGrpcChannel())
            .GetCaseAsync(new GetCaseRequest { Name = opened.Name }, TestTokens.As(Roles.Operator))).Case;
        Assert.Equal(opened, afterRestart);
        var feedAfterRestart = (await new NotificationService.NotificationServiceClient(_host.CreateGrpcChannel())
            .ListFeedItemsAsync(new ListFeedItemsRequest(), TestTokens.As(Roles.Operator))).FeedItems;
        Assert.Single(feedAfterRestart, i => i.CaseId == opened.CaseId);
    }

    [Fact]
    public async Task The_host_speaks_grpc_on_its_urls_and_http1_health_on_the_other_endpoint()
    {
        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

        var health = new Grpc.Health.V1.Health.HealthClient(_host.CreateGrpcChannel());
        var status = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
    }
}
