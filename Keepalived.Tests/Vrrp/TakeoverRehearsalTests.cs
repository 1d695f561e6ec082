using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp;

public class TakeoverRehearsalTests
{
    [Fact]
    public void Every_step_of_the_takeover_code_runs_without_throwing() => Assert.True(TakeoverRehearsal.RunTakeoverCode());
}
