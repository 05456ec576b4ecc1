namespace Samverkan.Council.Tests;

/// <summary>
/// A fresh council service per test: quorum counts every member sitting on a date, so tests must not see each other's
/// members.
/// </summary>
public abstract class CouncilTest : IAsyncLifetime
{
    private protected CouncilTest()
    {
        Factory = new CouncilFactory();
        Steps = new CouncilSteps(Factory);
    }

    internal CouncilFactory Factory { get; }

    internal CouncilSteps Steps { get; }

    internal V1.CouncilService.CouncilServiceClient Council => Steps.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
