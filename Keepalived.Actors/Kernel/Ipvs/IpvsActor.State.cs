using Akka.Actor;

namespace Keepalived.Actors.Kernel.Ipvs;

public sealed partial class IpvsActor
{
    /// <summary>
    /// What the IPVS leaf must not forget when it is made again after a failure: the owners in
    /// the order they first appeared, with their desired, owned and draining entries; the original
    /// timeouts; the sync daemons it started; its subscribers; what it last published; the
    /// operation log; where its clock starts. Only the running incarnation touches it.
    /// </summary>
    public sealed class State
    {
        /// <summary>Only the last ones are kept.</summary>
        internal const int OperationLogSize = 10_000;

        internal List<IpvsOwner> Owners { get; } = [];
        private readonly Dictionary<string, IpvsOwner> _ownersByName = [];
        internal HashSet<IActorRef> Subscribers { get; } = [];
        internal Queue<string> Operations { get; } = new();
        /// <summary>The sync daemons started here (stopped at release), and the requests kept while IPVS did not answer.</summary>
        internal Dictionary<(IpvsSyncState, string, uint), IpvsSyncDaemon> Daemons { get; } = [];
        internal List<SyncDaemon> PendingDaemons { get; } = [];

        /// <summary>Read with GET_CONFIG the first time IPVS answered; restored at stop.</summary>
        internal IpvsTimeouts? OriginalTimeouts { get; set; }

        /// <summary>The last <see cref="SetTimeouts"/>; <see cref="TimeoutsPending"/>: not sent yet (IPVS did not answer).</summary>
        internal IpvsTimeouts? WantedTimeouts { get; set; }
        internal bool TimeoutsPending { get; set; }

        /// <summary>The kernel's timeouts are not the originals: restored at release.</summary>
        internal bool TimeoutsChanged { get; set; }
        internal IActorRef? TimeoutsReplyTo { get; set; }

        /// <summary>null: not known yet; else what was last published.</summary>
        internal bool? Available { get; set; }
        internal string UnavailableReason { get; set; } = "";

        /// <summary>modprobe ip_vs is tried once per daemon run.</summary>
        internal bool ModuleTried { get; set; }

        /// <summary>After <see cref="ReleaseAll"/> or <see cref="Forget"/>: nothing more is applied.</summary>
        internal bool Finished { get; set; }

        /// <summary>The monotonic timestamp the drain times are counted from (set by the first incarnation).</summary>
        internal long? ClockStart { get; set; }

        /// <summary>Some owner has a destination draining.</summary>
        internal bool AnyDraining => Owners.Exists(o => o.Draining.Count > 0);

        internal IpvsOwner OwnerOf(string name)
        {
            if (!_ownersByName.TryGetValue(name, out var owner))
            {
                owner = new IpvsOwner(name);
                Owners.Add(owner);
                _ownersByName.Add(name, owner);
            }
            return owner;
        }

        internal void Log(string operation)
        {
            while (Operations.Count >= OperationLogSize) Operations.Dequeue();
            Operations.Enqueue(operation);
        }
    }
}
