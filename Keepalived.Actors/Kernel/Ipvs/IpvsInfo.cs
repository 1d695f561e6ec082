namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>The GET_INFO reply: IPVS_INFO_ATTR_VERSION (0x010201) and the connection table size.</summary>
public readonly record struct IpvsInfo(uint Version, uint ConnectionTableSize)
{
    /// <summary>"1.2.1", as ipvsadm prints it.</summary>
    public string VersionString => $"{(Version >> 16) & 0xFF}.{(Version >> 8) & 0xFF}.{Version & 0xFF}";
}
