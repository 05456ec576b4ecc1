using Samverkan.Testing;

namespace Samverkan.IntegrationTests;

/// <summary>Every service host starts on PostgreSQL: its migrations apply and it reports ready.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServicesOnPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public Task Cases_migrates_installs_the_Orleans_schema_and_is_ready() => AssertReady<Cases.Grpc.CaseGrpcService>("cases", "Cases", "Orleans");

    [Fact]
    public Task Council_migrates_and_is_ready() => AssertReady<Council.Grpc.CouncilGrpcService>("council", "Council");

    [Fact]
    public Task Upphandling_migrates_and_is_ready() => AssertReady<Upphandling.Grpc.UpphandlingGrpcService>("upphandling", "Upphandling");

    [Fact]
    public Task FollowUp_migrates_with_its_reference_data_and_is_ready() => AssertReady<FollowUp.Grpc.FollowUpGrpcService>("followup", "FollowUp", "ReferenceData", "Orleans");

    [Fact]
    public Task Notifications_migrates_and_is_ready() => AssertReady<Notifications.Grpc.NotificationGrpcService>("notifications", "Notifications");

    /// <summary>Starts the host whose assembly holds <typeparamref name="TMarker"/> (any public type names the entry point).</summary>
    private async Task AssertReady<TMarker>(string service, params string[] connectionNames)
        where TMarker : class
    {
        await using var host = new ServiceFactory<TMarker>(await PostgresSettings.ForAsync(postgres, service, connectionNames));
        using var http = host.CreateClient();
        var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
