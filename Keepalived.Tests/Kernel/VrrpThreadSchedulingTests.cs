using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Tests.Kernel;

public sealed class VrrpThreadSchedulingTests
{
    [Fact]
    public void Without_configuration_the_loop_runs_at_real_time_priority_one_and_nice_minus_ten() =>
        Assert.Equal(new VrrpThreadScheduling(-10, 1), VrrpThreadScheduling.From(null));

    [Fact]
    public void Keepaliveds_vrrp_priority_and_vrrp_rt_priority_are_used_when_set()
    {
        var configured = new ProcessScheduling { Priority = 5, RealtimePriority = 20 };
        Assert.Equal(new VrrpThreadScheduling(5, 20), VrrpThreadScheduling.From(configured));
        // keepalived.conf's vrrp_rt_priority wins over the HOCON setting, even its 0
        Assert.Equal(new VrrpThreadScheduling(5, 20), VrrpThreadScheduling.From(configured, realtimeDefault: 0));
        // vrrp_priority 0 is keepalived's "unchanged"
        Assert.Equal(new VrrpThreadScheduling(-10, 1), VrrpThreadScheduling.From(new ProcessScheduling()));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-3, null)]
    [InlineData(50, 50)]
    [InlineData(500, 99)]
    public void The_hocon_setting_sets_the_default_priority_and_zero_turns_real_time_off(int setting, int? expected) =>
        Assert.Equal(new VrrpThreadScheduling(-10, expected), VrrpThreadScheduling.From(null, setting));

    [RootTheory]
    [InlineData(null, "nice -10", 0)]             // SCHED_OTHER
    [InlineData(1, "SCHED_RR priority 1", 2)]     // SCHED_RR
    public void The_thread_gets_its_scheduling_and_the_threads_it_starts_are_ordinary(int? realtime, string expected, int expectedPolicy)
    {
        string? outcome = null;
        int policy = -1, nice = int.MinValue, childPolicy = -1, childNice = int.MinValue;
        var thread = new Thread(() =>
        {
            outcome = new VrrpThreadScheduling(-10, realtime).ApplyToCurrentThread();
            policy = LibcCalls.SchedGetScheduler(LibcCalls.GetTid());
            nice = NiceOf(LibcCalls.GetTid());
            var child = new Thread(() =>
            {
                childPolicy = LibcCalls.SchedGetScheduler(LibcCalls.GetTid());
                childNice = NiceOf(LibcCalls.GetTid());
            });
            child.Start();
            child.Join();
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        Assert.Equal(expected, outcome);
        Assert.Equal(expectedPolicy | LibcCalls.SCHED_RESET_ON_FORK, policy);
        Assert.Equal(-10, nice);
        Assert.Equal(LibcCalls.SCHED_OTHER, childPolicy);
        Assert.Equal(0, childNice);
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the command in parentheses).</summary>
    private static int NiceOf(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16]);
    }
}
