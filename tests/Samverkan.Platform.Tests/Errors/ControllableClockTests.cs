using Samverkan.ServiceDefaults.Hosting;

namespace Samverkan.Platform.Tests.Errors;

public sealed class ControllableClockTests
{
    [Fact]
    public void The_clock_moves_forward_by_what_it_is_told_and_never_back()
    {
        var clock = new ControllableClock();
        var before = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromDays(30));

        Assert.InRange(clock.GetUtcNow() - before, TimeSpan.FromDays(30), TimeSpan.FromDays(30).Add(TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromDays(-1)));
    }
}
