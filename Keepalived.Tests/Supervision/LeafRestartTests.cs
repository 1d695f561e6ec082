using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Tracking;
using Keepalived.Tests.Tracking;

namespace Keepalived.Tests.Supervision;

/// <summary>
/// Every leaf kind, behind its BackoffSupervisor, fails on a message while work goes on; it is
/// made again after the backoff (virtual time) and has lost nothing: subscribers still hear
/// changes, and only changes.
/// </summary>
public sealed class LeafRestartTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private readonly FakeScriptRunner _runner = new();

    private IActorRef Host(Props leaf, string name) => Sys.ActorOf(LeafHost.Props(leaf, name), $"host-{name}");

    /// <summary>Moves time past the backoff until the leaf answers <paramref name="ask"/> again.</summary>
    private void AwaitBack(IActorRef host, object ask, Type answer) => AwaitAssert(() =>
    {
        Advance(LeafSupervision.MinBackoff * 2);
        host.Tell(ask, TestActor);
        var reply = ReceiveOne(TimeSpan.FromMilliseconds(200));
        Assert.IsType(answer, reply);
    }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));

    [Fact]
    public void A_vrrp_script_made_again_tells_its_subscribers_the_next_change_and_nothing_else()
    {
        var script = VrrpScriptActorTests.Script();
        var host = Host(VrrpScriptActor.Props(script, _runner.Run), "script-chk");
        host.Tell(new TrackerActor.Subscribe(TestActor));
        Assert.Null(ExpectMsg<TrackerActor.TrackerState>().Up);
        _runner.Next().Exit(0);
        Assert.Equal(true, ExpectMsg<TrackerActor.TrackerState>().Up);

        var fault = Faults.On<VrrpScriptActor>().When(m => m is VrrpScriptActor.GetStatus).Throw();
        host.Tell(VrrpScriptActor.GetStatus.Instance);
        AwaitCondition(() => fault.Count == 1);
        AwaitBack(host, VrrpScriptActor.GetStatus.Instance, typeof(VrrpScriptActor.Status));

        // the new incarnation runs the script at once; the same result is no news
        _runner.Next().Exit(0);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(script.Interval);
        _runner.Next().Exit(1);
        Assert.Equal(false, ExpectMsg<TrackerActor.TrackerState>().Up);
    }

    [Fact]
    public void A_track_process_made_again_keeps_its_subscribers()
    {
        var count = 1;
        var process = ProcessMatcherTests.Process("app");
        var host = Host(TrackProcessActor.Props(process, _ => Volatile.Read(ref count)), "track-process-app");
        host.Tell(new TrackerActor.Subscribe(TestActor));
        Assert.Equal(true, ExpectMsg<TrackerActor.TrackerState>().Up);

        Faults.On<TrackProcessActor>().When(m => m is TrackProcessActor.GetStatus).Throw();
        host.Tell(TrackProcessActor.GetStatus.Instance);
        AwaitBack(host, TrackProcessActor.GetStatus.Instance, typeof(TrackProcessActor.Status));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        Volatile.Write(ref count, 0);
        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(false, ExpectMsg<TrackerActor.TrackerState>().Up);
    }

    [Fact]
    public void A_track_file_made_again_keeps_its_subscribers()
    {
        var dir = Directory.CreateTempSubdirectory("leaf-restart-").FullName;
        try
        {
            var path = Path.Combine(dir, "weight");
            File.WriteAllText(path, "5");
            var host = Host(TrackFileActor.Props(new TrackedFile("tf", default) { File = path }), "track-file-tf");
            host.Tell(new TrackerActor.Subscribe(TestActor));
            Assert.Equal(5, ExpectMsg<TrackFileActor.TrackerValue>().Value);

            // any message will do: the subscription of a second subscriber fails
            var other = CreateTestProbe();
            Faults.On<TrackFileActor>().When(m => m is TrackerActor.Subscribe).Throw();
            host.Tell(new TrackerActor.Subscribe(other.Ref));
            // back once a new subscriber hears the value (the test actor is not subscribed again)
            AwaitAssert(() =>
            {
                Advance(LeafSupervision.MinBackoff * 2);
                var late = CreateTestProbe();
                host.Tell(new TrackerActor.Subscribe(late.Ref));
                Assert.Equal(5, late.ExpectMsg<TrackFileActor.TrackerValue>(TimeSpan.FromMilliseconds(200)).Value);
            }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));

            File.WriteAllText(path, "7");
            Assert.Equal(7, ExpectMsg<TrackFileActor.TrackerValue>(TimeSpan.FromSeconds(5)).Value);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string> StatelessLeaves => ["netlink", "garp", "notify"];

    /// <summary>The leaves without state to keep answer again once made anew.</summary>
    [Theory]
    [MemberData(nameof(StatelessLeaves))]
    public void A_failed_leaf_answers_again_after_the_backoff(string kind)
    {
        var props = kind switch
        {
            "netlink" => NetlinkActor.Props(),
            "garp" => GarpActor.Props(),
            _ => NotifyActor.Props(new GlobalConfig()),
        };
        var host = Host(props, kind);
        host.Tell(Flush.Instance);
        ExpectMsg<Flushed>();
        // the leaf itself, under its supervisor (which has its name)
        var fault = Faults.On($"/user/host-{kind}/{kind}/{kind}").When(m => m is Flush).Throw();
        host.Tell(Flush.Instance);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, fault.Count);
        AwaitBack(host, Flush.Instance, typeof(Flushed));
    }
}
