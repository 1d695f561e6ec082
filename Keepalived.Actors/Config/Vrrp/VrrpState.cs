namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// A VRRP instance's state (keepalived's VRRP_STATE_*); Init means "not configured" in the
/// configuration and "not started" at run time. Stop is only reached at run time, on shutdown.
/// </summary>
public enum VrrpState
{
    Init,
    Backup,
    Master,
    Fault,
    Stop,
}

/// <summary>vrrp_instance authentication { auth_type }.</summary>
public enum VrrpAuthType
{
    None,
    Pass,
    Ah,
}
