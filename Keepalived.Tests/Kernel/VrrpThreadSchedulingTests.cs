using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel;
using LibcCalls = Keepalived.Actors.Kernel.Libc.Libc;

namespace Keepalived.Tests.Kernel;

public sealed class VrrpThreadSchedulingTests
{
    [Fact]
    public void Without_configuration_the_loop_runs_real_time_at_the_lowest_priority_and_nice_minus_ten() =>
        Assert.Equal(new VrrpThreadScheduling(-10, 1), VrrpThreadScheduling.From(null));

    [Fact]
    public void Keepaliveds_vrrp_priority_and_vrrp_rt_priority_are_used_when_set()
    {
        var configured = new ProcessScheduling { Priority = 5, RealtimePriority = 20 };
        Assert.Equal(new VrrpThreadScheduling(5, 20), VrrpThreadScheduling.From(configured));
        // vrrp_priority 0 is keepalived's "unchanged"
        Assert.Equal(new VrrpThreadScheduling(-10, 1), VrrpThreadScheduling.From(new ProcessScheduling()));
    }

    [RootFact]
    public void The_thread_runs_round_robin_and_the_threads_it_starts_are_ordinary()
    {
        string? outcome = null;
        int policy = -1, childPolicy = -1, childNice = int.MinValue;
        var thread = new Thread(() =>
        {
            outcome = new VrrpThreadScheduling(-10, 1).ApplyToCurrentThread();
            policy = LibcCalls.SchedGetScheduler(LibcCalls.GetTid());
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

        Assert.Equal("SCHED_RR priority 1", outcome);
        Assert.Equal(LibcCalls.SCHED_RR | LibcCalls.SCHED_RESET_ON_FORK, policy);
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
