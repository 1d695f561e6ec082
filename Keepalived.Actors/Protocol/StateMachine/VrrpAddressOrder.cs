using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// The equal-priority tie-break (RFC 5798 §6.4.3: "the Primary IP Address of the sender is
/// greater than the local Primary IP Address"): addresses compare as unsigned big-endian numbers,
/// i.e. byte by byte from the first. Addresses of different families compare equal, as
/// keepalived's vrrp_saddr_cmp returns 0 for them (neither side wins: no transition).
/// </summary>
public static class VrrpAddressOrder
{
    /// <summary>Negative when <paramref name="left"/> is lower, positive when higher, 0 when equal or not comparable.</summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        left.Length != right.Length ? 0 : Math.Sign(left.SequenceCompareTo(right));

    /// <inheritdoc cref="Compare(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public static int Compare(IPAddress left, IPAddress right)
    {
        Span<byte> l = stackalloc byte[16];
        Span<byte> r = stackalloc byte[16];
        return Compare(l[..Write(left, l)], r[..Write(right, r)]);
    }

    /// <summary>Writes the address's bytes (4 or 16) and returns how many.</summary>
    internal static int Write(IPAddress address, Span<byte> destination)
    {
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || !address.TryWriteBytes(destination, out int written))
            return 0;
        return written;
    }
}
