using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The encodings IPVS shares between services and destinations: Linux address family numbers
/// (AF_INET 2, AF_INET6 10, not .NET's) and addresses as a 16-byte union nf_inet_addr.
/// </summary>
internal static class IpvsWire
{
    public const ushort LinuxInet = 2;
    public const ushort LinuxInet6 = 10;

    /// <summary>sizeof(union nf_inet_addr): IPv4 in the first 4 bytes, the rest zero.</summary>
    public const int AddressSize = 16;

    public static ushort ToLinux(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => LinuxInet,
        AddressFamily.InterNetworkV6 => LinuxInet6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "IPVS takes IPv4 or IPv6"),
    };

    public static bool TryFromLinux(ushort family, out AddressFamily result)
    {
        result = family switch
        {
            LinuxInet => AddressFamily.InterNetwork,
            LinuxInet6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        return result != AddressFamily.Unspecified;
    }

    public static void WriteAddress(Span<byte> destination, IPAddress address) =>
        address.TryWriteBytes(destination, out _);

    /// <summary>The address of <paramref name="family"/> at the start of a 4- or 16-byte value.</summary>
    public static IPAddress? ReadAddress(ReadOnlySpan<byte> value, AddressFamily family)
    {
        var size = family == AddressFamily.InterNetworkV6 ? 16 : 4;
        return value.Length >= size ? new IPAddress(value[..size]) : null;
    }
}
