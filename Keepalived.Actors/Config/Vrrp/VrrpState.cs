namespace Keepalived.Actors.Config.Vrrp;

/// <summary>A VRRP instance's state (keepalived's VRRP_STATE_*); Init means "not configured".</summary>
public enum VrrpState
{
    Init,
    Backup,
    Master,
    Fault,
}

/// <summary>vrrp_instance authentication { auth_type }.</summary>
public enum VrrpAuthType
{
    None,
    Pass,
    Ah,
}
