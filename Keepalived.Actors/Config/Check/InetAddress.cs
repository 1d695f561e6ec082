using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>
/// An address and port as keepalived keeps them (a sockaddr_storage): the family may be
/// unspecified (nothing parsed yet, or a parse failed) while a port is already set.
/// </summary>
public readonly record struct InetAddress(IPAddress? Address, ushort Port)
{
    public static readonly InetAddress None = new(null, 0);

    public AddressFamily Family => Address?.AddressFamily ?? AddressFamily.Unspecified;

    public InetAddress WithPort(ushort port) => this with { Port = port };

    /// <summary>inet_sockaddrtos: just the address.</summary>
    public string AddressText => Address?.ToString() ?? "";

    /// <summary>inet_sockaddrtotrio: <c>[addr]:proto:port</c>.</summary>
    public string Trio(LvsProtocol protocol) => $"[{AddressText}]:{ProtocolName(protocol)}:{Port}";

    public static string ProtocolName(LvsProtocol protocol) => protocol switch
    {
        LvsProtocol.Tcp => "tcp",
        LvsProtocol.Udp => "udp",
        LvsProtocol.Sctp => "sctp",
        _ => "none",
    };

    public override string ToString() => Address is null ? $":{Port}" : $"{Address}:{Port}";

    /// <summary>
    /// inet_stosockaddr: the family follows from a ':' in the text, the port is read as an
    /// unsigned in [1, 65535] (its errors reported), anything from a '-' or '/' on is a range or
    /// mask and is ignored here. Returns false when the address or port is unusable.
    /// </summary>
    public static bool TryParse(string ip, string? port, ValueReader values, out InetAddress result) =>
        TryParse(ip, port, port is not null, values, out result);

    /// <inheritdoc cref="TryParse(string, string?, ValueReader, out InetAddress)"/>
    public static bool TryParse(ReadOnlySpan<char> ip, ReadOnlySpan<char> port, bool hasPort, ValueReader values, out InetAddress result)
    {
        result = None;
        ushort portNumber = 0;
        if (hasPort)
        {
            if (!values.ReadUnsigned(port, out var p, 1, 65535, ignoreError: true)) return false;
            portNumber = (ushort)p;
        }
        var cut = ip.IndexOf('-');
        if (cut < 0) cut = ip.IndexOf('/');
        var text = cut < 0 ? ip : ip[..cut];
        var address = ip.Contains(':') ? ParseV6(text) : ParseV4(text);
        if (address is null) return false;
        result = new InetAddress(address, portNumber);
        return true;
    }

    /// <summary>A port argument of "0", "00"... means no port (keepalived passes NULL then).</summary>
    public static string? NonZeroPort(string? port) => port is not null && IsNonZeroPort(port) ? port : null;

    /// <inheritdoc cref="NonZeroPort"/>
    public static bool IsNonZeroPort(ReadOnlySpan<char> port) => port.Trim('0').Length > 0;

    /// <summary>inet_pton(AF_INET): exactly four decimal parts of 0-255, no leading zeros.</summary>
    public static IPAddress? ParseV4(ReadOnlySpan<char> text)
    {
        uint value = 0;
        var parts = 0;
        var digits = 0;
        var part = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || ++parts > 3) return null;
                value = value << 8 | (uint)part;
                digits = part = 0;
                continue;
            }
            // Digits only, at most three, no leading zero, at most 255.
            if (!char.IsAsciiDigit(c) || ++digits > 3 || (digits == 2 && part == 0)) return null;
            part = part * 10 + (c - '0');
            if (part > 255) return null;
        }
        if (digits == 0 || parts != 3) return null;
        value = value << 8 | (uint)part;
        // IPAddress(long) takes the address in network byte order as laid out in memory.
        return new IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value));
    }

    /// <summary>inet_pton(AF_INET6): no scope ids or brackets.</summary>
    public static IPAddress? ParseV6(ReadOnlySpan<char> text) =>
        text.Length > 0 && !text.Contains('%') && !text.Contains('[') && !text.Contains('/')
        && IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? a : null;

    /// <summary>Either family, as inet_stosockaddr chooses it.</summary>
    public static IPAddress? ParseAny(ReadOnlySpan<char> text) => text.Contains(':') ? ParseV6(text) : ParseV4(text);
}

/// <summary>The service protocol of a virtual server (0 = not set).</summary>
public enum LvsProtocol
{
    None = 0,
    Tcp = 6,
    Udp = 17,
    Sctp = 132,
}
