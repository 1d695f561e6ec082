using System.Buffers.Binary;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// check_dns.c dns_recv_thread's reading of a reply: too short, another id or QR = 0 are
/// ignored (keep waiting); RCODE 0 is success, any other RCODE failure. The answers are not
/// inspected, so NODATA passes.
/// </summary>
public static class DnsReply
{
    /// <summary>
    /// keepalived compares the length with sizeof(r_header), a pointer: 8 bytes on 64-bit, not
    /// the 12 of a header. Id and flags lie in the first 4, so 8 to 11 bytes are judged too.
    /// </summary>
    public const int MinimumLength = 8;

    public enum Kind
    {
        /// <summary>Not the reply to our query: wait for another.</summary>
        Ignore,
        Success,
        Failure,
    }

    public static (Kind Kind, int Rcode) Check(ReadOnlySpan<byte> reply, ushort id)
    {
        if (reply.Length < MinimumLength) return (Kind.Ignore, 0);
        if (BinaryPrimitives.ReadUInt16BigEndian(reply) != id) return (Kind.Ignore, 0);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(reply[2..]);
        if ((flags & 0x8000) == 0) return (Kind.Ignore, 0);
        var rcode = flags & 0x000f;
        return (rcode == 0 ? Kind.Success : Kind.Failure, rcode);
    }

    /// <summary>RFC 1035 / 2136 names of the RCODEs keepalived logs.</summary>
    public static string RcodeName(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        _ => rcode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
