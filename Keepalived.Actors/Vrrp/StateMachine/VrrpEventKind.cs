namespace Keepalived.Actors.Vrrp;

/// <summary>What a <see cref="VrrpEvent"/> tells the state machine.</summary>
public enum VrrpEventKind : byte
{
    /// <summary>default(VrrpEvent): ignored.</summary>
    None,
    Start,
    AdvertReceived,
    TimerExpired,
    PriorityChanged,
    FaultChanged,
    Stop,
}
