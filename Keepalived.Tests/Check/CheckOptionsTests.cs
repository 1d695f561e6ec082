using Keepalived.Actors.Check;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Check;

/// <summary>keepalived-net.check read over reference.conf: drain-before-remove and its bounded timeout.</summary>
public sealed class CheckOptionsTests
{
    private static CheckOptions Read(string hocon) =>
        CheckOptions.From(HoconParser.Parse(hocon).WithFallback(HoconLayers.Reference()));

    [Fact]
    public void Drain_is_off_by_default_and_on_waits_five_minutes_unless_told()
    {
        Assert.Null(Read("").DrainTimeout);
        Assert.Null(Read("keepalived-net.check.drain-timeout = 10s").DrainTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), Read("keepalived-net.check.drain-before-remove = on").DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90),
            Read("keepalived-net.check { drain-before-remove = on, drain-timeout = 90s }").DrainTimeout);
    }

    [Theory]
    [InlineData("0s", 1)]
    [InlineData("100ms", 1)]
    [InlineData("2d", 3600)]
    [InlineData("infinite", 3600)]
    public void The_drain_timeout_never_means_for_ever(string timeout, int seconds)
    {
        var options = Read($"keepalived-net.check {{ drain-before-remove = on, drain-timeout = {timeout} }}");
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.DrainTimeout);
    }
}
