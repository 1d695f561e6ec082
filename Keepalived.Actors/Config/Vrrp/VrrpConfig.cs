namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The Vrrp part of the configuration (filled by its keyword section).</summary>
public sealed class VrrpConfig
{
}
