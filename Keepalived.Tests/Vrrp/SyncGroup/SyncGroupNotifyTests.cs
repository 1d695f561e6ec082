using Keepalived.Actors.Runtime;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Notify;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// A sync group's notifies through a real <see cref="NotifyActor"/> (keepalived's
/// send_group_notifies): the group's own notify_* script, the generic notify with
/// <c>GROUP SG1 STATE 0</c>, and the FIFO line <c>GROUP "SG1" STATE 0</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SyncGroupNotifyTests(ITestOutputHelper output) : ActorTest(output)
{
    private readonly TempScripts _scripts = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _scripts.Dispose();
    }

    [Fact]
    public void Group_scripts_run_and_fifo_lines_are_written_for_start_master_and_stop()
    {
        var global = new GlobalConfig();
        global.VrrpNotifyFifo.Name = _scripts.PathOf("vrrp.fifo");
        var notify = Sys.ActorOf(NotifyActor.Props(global), "notify");
        var group = new VrrpSyncGroup("SG1", default) { Members = ["VI_1"] };
        group.Notify.Set("notify_master", _scripts.Recorder("master.sh", "master.out", "group-master"));
        group.Notify.Set("notify_stop", _scripts.Recorder("stop.sh", "stop.out", "group-stop"));
        group.Notify.Set("notify", _scripts.Recorder("notify.sh", "notify.out"));
        var member = CreateTestProbe("vi1");
        var actor = Sys.ActorOf(VrrpSyncGroupActor.Props(group, ["VI_1"], VrrpState.Backup, new LeafRef(notify)), "sync-group-SG1");

        member.Send(actor, new VrrpSyncGroupActor.MemberState("VI_1", VrrpState.Backup, VrrpState.Backup, false, 0));
        member.Send(actor, new VrrpSyncGroupActor.WantMaster("VI_1", VrrpTransitionReason.MasterNoResponse));
        var sync = member.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        member.Send(actor, new VrrpSyncGroupActor.MemberState("VI_1", VrrpState.Master, VrrpState.Master, false, sync.Sequence));
        actor.Tell(VrrpSyncGroupActor.Shutdown.Instance, TestActor);
        ExpectMsg<VrrpSyncGroupActor.Stopped>();
        notify.Tell(Flush.Instance, TestActor);
        ExpectMsg<Flushed>();

        Assert.Equal(["GROUP \"SG1\" BACKUP 0", "GROUP \"SG1\" MASTER 0", "GROUP \"SG1\" STOP 0"], TempScripts.ReadFifoLines(global.VrrpNotifyFifo.Name, 3));
        // notify_stop is waited for, so it has run by the flush; the others are awaited
        Assert.Equal(["group-stop"], _scripts.Lines("stop.out"));
        AwaitAssert(() => Assert.Equal(["group-master"], _scripts.Lines("master.out")));
        AwaitAssert(() => Assert.Equal(["GROUP SG1 BACKUP 0", "GROUP SG1 MASTER 0", "GROUP SG1 STOP 0"], _scripts.Lines("notify.out").Order()));
    }
}
