using Keepalived.Actors.Check;

namespace Keepalived.Tests.Check.Actors;

/// <summary>A checker made again after failures waits 100 ms doubling up to 10 s more before its first check.</summary>
public sealed class CheckerRestartBackoffTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(7, 6400)]
    [InlineData(8, 10_000)]
    [InlineData(1000, 10_000)]
    public void The_backoff_doubles_from_100_ms_up_to_10_s(int restarts, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), CheckerActor.RestartBackoff(restarts));
}
