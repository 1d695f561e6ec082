namespace Keepalived.Actors.Config.Check;

/// <summary><c>lvs_method</c> / <c>lb_kind</c>. <see cref="Unset"/> until given or defaulted (NAT).</summary>
public enum ForwardingMethod
{
    Unset,
    Nat,
    DirectRoute,
    Tunnel,
}

/// <summary>The tunnel encapsulation of <c>lvs_method TUN type ...</c>.</summary>
public enum TunnelType
{
    Ipip,
    Gue,
    Gre,
}

/// <summary>The tunnel checksum option of <c>lvs_method TUN ... [nocsum|csum|remcsum]</c>.</summary>
public enum TunnelChecksum
{
    NoChecksum,
    Checksum,
    RemoteChecksum,
}

/// <summary>How packets reach a real (or sorry) server: method and tunnel settings.</summary>
public sealed record Forwarding(ForwardingMethod Method, TunnelType TunnelType = TunnelType.Ipip, ushort TunnelPort = 0,
    TunnelChecksum TunnelChecksum = TunnelChecksum.NoChecksum)
{
    public static readonly Forwarding Unset = new(ForwardingMethod.Unset);

    /// <summary>The words after <c>lvs_method</c>.</summary>
    public IEnumerable<object> Words()
    {
        yield return Method switch
        {
            ForwardingMethod.DirectRoute => "DR",
            ForwardingMethod.Tunnel => "TUN",
            _ => "NAT",
        };
        if (Method != ForwardingMethod.Tunnel) yield break;
        yield return "type";
        yield return TunnelType.ToString().ToLowerInvariant();
        if (TunnelPort != 0)
        {
            yield return "port";
            yield return TunnelPort;
        }
        if (TunnelType != TunnelType.Ipip)
            yield return TunnelChecksum switch
            {
                TunnelChecksum.Checksum => "csum",
                TunnelChecksum.RemoteChecksum => "remcsum",
                _ => "nocsum",
            };
    }
}
