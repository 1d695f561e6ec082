using System.Net;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Actors.Vrrp;

/// <summary>The messages of <see cref="VrrpInstanceActor"/>: what it is told, and what it tells itself.</summary>
public sealed partial class VrrpInstanceActor
{
    /// <summary>
    /// A timer of the state machine ran out. <see cref="VrrpInstanceTimers"/> lets through only the
    /// tick of a timer's latest start, whose tag the actor keeps: one tick per timer serves every
    /// start, and a master's advert costs no allocation.
    /// </summary>
    public sealed record Tick(VrrpTimer Timer);

    /// <summary>Send priority 0 if master, remove the addresses, then answer <see cref="ShutdownComplete"/>.</summary>
    /// <param name="Release">false for <c>--dont-release-vrrp</c>: stop without the priority-0 advert and leave the addresses.</param>
    public sealed record Shutdown(bool Release = true)
    {
        public static readonly Shutdown Instance = new();
        public static readonly Shutdown KeepAddresses = new(false);
    }

    public sealed record ShutdownComplete(string Name);

    /// <summary>To itself at start, after its timers have run out once; it builds an advert (see <see cref="TakeoverRehearsal.PrepareTimers"/>).</summary>
    private sealed class Rehearsal
    {
        public static readonly Rehearsal Instance = new();
    }

    /// <summary>Answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    public sealed record Status(string Name, VrrpState State, int BasePriority, int EffectivePriority,
        IPAddress? MasterAddress, TimeSpan MasterDownInterval, VrrpStatistics Statistics);

    /// <summary>Published on the event stream on every state change (management, sync groups, tests).</summary>
    public sealed record StateChanged(string Name, VrrpState From, VrrpState To, VrrpTransitionReason Reason, int Priority);
}
