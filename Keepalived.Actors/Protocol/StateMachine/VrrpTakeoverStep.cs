namespace Keepalived.Actors.Protocol;

/// <summary>
/// What a takeover waits for before it goes on (<see cref="VrrpActionKind.Await"/>): keepalived
/// does each of these synchronously, in this order, before its notifies.
/// </summary>
public enum VrrpTakeoverStep : byte
{
    /// <summary>No takeover under way.</summary>
    None,
    /// <summary>The first advert is on the wire, so the old master drops its addresses before our GARP arrives (answered by <see cref="VrrpEventKind.TakeoverStepDone"/>).</summary>
    AdvertSent,
    /// <summary>The drop rules are in place (<see cref="VrrpEventKind.FirewallSet"/>).</summary>
    FirewallSet,
    /// <summary>The addresses are on the interface (<see cref="VrrpEventKind.AddressesAdded"/>).</summary>
    AddressesAdded,
    /// <summary>The first GARP batch is on the wire, before the notifies (<see cref="VrrpEventKind.TakeoverStepDone"/>).</summary>
    GarpSent,
}
