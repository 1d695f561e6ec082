using System.Diagnostics;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Notify;

namespace Keepalived.Tests.Notify;

/// <summary>
/// NotifyActor with a real FIFO and real scripts in a temporary directory: keepalived's
/// send_instance_notifies order (the state's script, the generic notify with four words, the
/// FIFO line), disabled scripts, and the bounded wait for notify_stop.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NotifyActorTests(ITestOutputHelper output) : ActorTest(output)
{
    private readonly TempScripts _scripts = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _scripts.Dispose();
    }

    private IActorRef StartNotify(GlobalConfig? global = null) => Sys.ActorOf(NotifyActor.Props(global ?? new GlobalConfig()), "notify");

    /// <summary>Flush round trip: everything told before has been handled (scripts started, FIFO written).</summary>
    private void Flush(IActorRef notify)
    {
        notify.Tell(Keepalived.Actors.Kernel.Flush.Instance, TestActor);
        ExpectMsg<Flushed>();
    }

    [Fact]
    public void Fifo_lines_are_written_in_order_to_both_fifos_and_the_fifo_is_removed_at_stop()
    {
        var global = new GlobalConfig();
        global.NotifyFifo.Name = _scripts.PathOf("notify.fifo");
        global.VrrpNotifyFifo.Name = _scripts.PathOf("vrrp.fifo");
        var notify = StartNotify(global);
        var none = new NotifyScripts();

        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "BACKUP", 100, none));
        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "MASTER", 150, none));
        notify.Tell(new NotifyActor.EventNotify("VI_1", "MASTER_PRIORITY", 140, null));
        notify.Tell(new NotifyActor.StateNotify(true, "G1", "FAULT", 0, none));
        Flush(notify);

        string[] expected = ["INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" MASTER_PRIORITY 140", "GROUP \"G1\" FAULT 0"];
        Assert.Equal(expected, TempScripts.ReadFifoLines(global.VrrpNotifyFifo.Name, 4));
        Assert.Equal(expected, TempScripts.ReadFifoLines(global.NotifyFifo.Name, 4));

        Watch(notify);
        Sys.Stop(notify);
        ExpectTerminated(notify);
        Assert.False(File.Exists(global.VrrpNotifyFifo.Name), "the FIFO keepalived-net created is removed when it stops");
    }

    [Fact]
    public void The_state_script_runs_and_the_generic_notify_gets_four_words_appended()
    {
        var scripts = new NotifyScripts();
        scripts.Set("notify_master", _scripts.Recorder("master.sh", "master.out", "own-arg"));
        scripts.Set("notify_backup", _scripts.Recorder("backup.sh", "backup.out"));
        scripts.Set("notify", _scripts.Recorder("notify.sh", "notify.out", "first"));
        var notify = StartNotify();

        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "MASTER", 150, scripts));

        AwaitAssert(() => Assert.Equal(["own-arg"], _scripts.Lines("master.out")));
        AwaitAssert(() => Assert.Equal(["first INSTANCE VI_1 MASTER 150"], _scripts.Lines("notify.out")));
        Assert.Empty(_scripts.Lines("backup.out"));
    }

    [Fact]
    public void A_disabled_script_does_not_run()
    {
        var scripts = new NotifyScripts();
        var disabled = _scripts.Recorder("master.sh", "disabled.out");
        disabled.Disabled = true;
        scripts.Set("notify_master", disabled);
        scripts.Set("notify", disabled);
        // notify_stop is waited for: once the flush is answered it has run
        scripts.Set("notify_stop", _scripts.Recorder("stop.sh", "stop.out"));
        var notify = StartNotify();

        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "MASTER", 150, scripts));
        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "STOP", 150, scripts));
        Flush(notify);

        Assert.Single(_scripts.Lines("stop.out"));
        Assert.Empty(_scripts.Lines("disabled.out"));
    }

    [Fact]
    public void A_notify_stop_script_that_hangs_is_waited_for_about_a_second_then_killed()
    {
        var scripts = new NotifyScripts();
        scripts.Set("notify_stop", _scripts.Script("stop.sh", $"echo $$ > '{_scripts.PathOf("stop.pid")}'\nexec sleep 30"));
        var notify = StartNotify();

        var clock = Stopwatch.StartNew();
        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "STOP", 100, scripts));
        Flush(notify);
        clock.Stop();

        Assert.InRange(clock.Elapsed, NotifyActor.StopScriptTimeout - TimeSpan.FromMilliseconds(100), NotifyActor.StopScriptTimeout * 3);
        var pid = int.Parse(File.ReadAllText(_scripts.PathOf("stop.pid")).Trim());
        AwaitCondition(() => !Directory.Exists($"/proc/{pid}"), null, $"the hung notify_stop (pid {pid}) was killed");
    }

    [Fact]
    public void Other_scripts_are_not_waited_for()
    {
        var scripts = new NotifyScripts();
        scripts.Set("notify_master", _scripts.Script("master.sh", "exec sleep 5"));
        var notify = StartNotify();

        var clock = Stopwatch.StartNew();
        notify.Tell(new NotifyActor.StateNotify(false, "VI_1", "MASTER", 100, scripts));
        Flush(notify);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900), $"the flush took {clock.Elapsed}");
    }
}
