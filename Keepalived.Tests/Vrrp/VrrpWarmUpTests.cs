using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp;

public class VrrpWarmUpTests
{
    [Fact]
    public void Every_warm_up_step_runs_without_throwing() => Assert.True(VrrpWarmUp.Run());
}
