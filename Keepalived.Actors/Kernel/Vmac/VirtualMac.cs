using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Vmac;

/// <summary>
/// The pure parts of a VMAC: its MAC (RFC 5798 7.3: 00-00-5E-00-01-{VRID} for IPv4,
/// 00-00-5E-00-02-{VRID} for IPv6), the name keepalived gives it, and the link-local address
/// keepalived makes from a MAC when the base interface has none.
/// </summary>
public static class VirtualMac
{
    /// <summary>IFNAMSIZ less the NUL.</summary>
    public const int MaxNameLength = 15;

    public const string DefaultPrefix = "vrrp";

    /// <summary>00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6).</summary>
    public static byte[] For(int vrid, AddressFamily family) =>
        [0x00, 0x00, 0x5e, 0x00, family == AddressFamily.InterNetworkV6 ? (byte)0x02 : (byte)0x01, (byte)vrid];

    /// <summary>
    /// keepalived's create_vmac_name: PREFIX.VRID, else (IPv6 first tries PREFIX6.VRID)
    /// PREFIX1.VRID, PREFIX2.VRID, ... skipping 6 for IPv6, the first that <paramref name="taken"/>
    /// refuses; a long prefix is cut so the name fits in IFNAMSIZ.
    /// </summary>
    public static string DefaultName(string? prefix, int vrid, AddressFamily family, Func<string, bool> taken)
    {
        prefix = string.IsNullOrEmpty(prefix) ? DefaultPrefix : prefix;
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var number = 0;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var name = Fit(prefix, number == 0 ? "" : number.ToString(System.Globalization.CultureInfo.InvariantCulture), vrid);
            if (!taken(name)) return name;
            number = !ipv6 ? number + 1
                : number == 0 ? 6
                : number == 6 ? 1
                : number + 1 == 6 ? 7 : number + 1;
        }
        throw new InvalidOperationException($"no free VMAC name for VRID {vrid}");
    }

    private static string Fit(string prefix, string number, int vrid)
    {
        var suffix = $"{number}.{vrid}";
        var room = MaxNameLength - suffix.Length;
        return (prefix.Length > room ? prefix[..Math.Max(room, 0)] : prefix) + suffix;
    }

    /// <summary>keepalived's make_link_local_address: fe80::/64 with the modified EUI-64 of <paramref name="mac"/>.</summary>
    public static IPAddress LinkLocalFrom(ReadOnlySpan<byte> mac)
    {
        Span<byte> address = stackalloc byte[16];
        address[0] = 0xfe;
        address[1] = 0x80;
        address[8] = (byte)(mac[0] ^ 0x02);
        address[9] = mac[1];
        address[10] = mac[2];
        address[11] = 0xff;
        address[12] = 0xfe;
        address[13] = mac[3];
        address[14] = mac[4];
        address[15] = mac[5];
        return new IPAddress(address);
    }
}
