using Akka.Actor;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// The shutdown's steps, each a behaviour that waits for one kind of answer: the instances'
/// goodbyes, then the sync groups' STOP, then the sockets' flush, then the other leaves' flush.
/// A step with nothing to wait for goes straight on to the next.
/// </summary>
public sealed partial class VrrpManagerActor
{
    private void OnShutdown(Shutdown shutdown)
    {
        _stopRequester = Sender;
        _release = shutdown.Release;
        foreach (var i in _instances) i.Tell(_release ? VrrpInstanceActor.Shutdown.Instance : VrrpInstanceActor.Shutdown.KeepAddresses);
        Await(_instances.Count, StoppingInstances, StopSyncGroups);
    }

    private void StoppingInstances()
    {
        Receive<VrrpInstanceActor.ShutdownComplete>(_ => Countdown(StopSyncGroups));
        Stopping();
    }

    /// <summary>Once every instance has stopped, the groups announce STOP (keepalived's notify_shutdown: instances, then groups).</summary>
    private void StopSyncGroups()
    {
        foreach (var g in _syncGroups) g.Tell(VrrpSyncGroupActor.Shutdown.Instance);
        Await(_syncGroups.Count, StoppingSyncGroups, FlushSockets);
    }

    private void StoppingSyncGroups()
    {
        Receive<VrrpSyncGroupActor.Stopped>(_ => Countdown(FlushSockets));
        Stopping();
    }

    /// <summary>The goodbye adverts leave (through the VMACs too) before the VMACs are deleted.</summary>
    private void FlushSockets()
    {
        foreach (var socket in _sockets.Values) socket.Tell(Flush.Instance);
        Await(_sockets.Count, FlushingSockets, FlushLeaves);
    }

    private void FlushingSockets()
    {
        Receive<Flushed>(_ => Countdown(FlushLeaves));
        Stopping();
    }

    /// <summary>keepalived's shutdown_vrrp_instances deletes the VMACs once the addresses are gone; netlink's Flushed says it has.</summary>
    private void FlushLeaves()
    {
        if (_release)
            foreach (var name in _vmacs.Values.OfType<string>()) _netlink.Tell(new NetlinkActor.DeleteVmac(name));
        LeafRef[] leaves = [_netlink, _garp, _notify, _links, .. _nftables is null ? [] : new[] { _nftables }];
        foreach (var leaf in leaves) leaf.Tell(Flush.Instance);
        Await(leaves.Length, FlushingLeaves, Finish);
    }

    private void FlushingLeaves()
    {
        Receive<Flushed>(_ => Countdown(Finish));
        Stopping();
    }

    private void Finish()
    {
        _stopRequester?.Tell(Stopped.Instance);
        Become(Finished);
    }

    /// <summary>Everything has stopped: the parent stops this actor; a late request is answered at once.</summary>
    private void Finished()
    {
        Receive<Shutdown>(_ => Sender.Tell(Stopped.Instance));
        Receive<GetInstances>(_ => AskInstances());
        ReceiveAny(Unhandled);
    }

    /// <summary>
    /// What every step of the shutdown accepts besides its own answers: a repeated request (its
    /// sender is answered instead), and the late answers to the start-up's requests, which no
    /// longer start anything.
    /// </summary>
    private void Stopping()
    {
        Receive<Shutdown>(_ => _stopRequester = Sender);
        Receive<NetlinkActor.InterfaceInfo>(_ => { });
        Receive<NetlinkActor.InterfaceNotFound>(n => LogMissingInterface(n.Name));
        // set up while the manager was already stopping: nothing runs on it
        Receive<NetlinkActor.VmacReady>(v => _netlink.Tell(new NetlinkActor.DeleteVmac(v.Name)));
        Receive<NetlinkActor.VmacFailed>(LogVmacFailure);
        Receive<GetInstances>(_ => AskInstances());
        ReceiveAny(Unhandled);
    }

    /// <summary>Becomes <paramref name="step"/> until <paramref name="answers"/> answers have come; with none, goes straight on.</summary>
    private void Await(int answers, Action step, Action next)
    {
        _awaiting = answers;
        if (answers == 0) next();
        else Become(step);
    }

    private void Countdown(Action whenDone)
    {
        if (--_awaiting == 0) whenDone();
    }
}
