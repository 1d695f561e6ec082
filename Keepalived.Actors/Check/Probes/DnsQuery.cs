using System.Buffers.Binary;
using System.Text;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// DNS_CHECK's query (check_dns.c dns_make_query): a random id, RD set, one question for name
/// (the root by default) of type (SOA by default), class IN.
/// </summary>
public static class DnsQuery
{
    public const int HeaderLength = 12;
    private const ushort FlagRecursionDesired = 0x0100;
    private const ushort ClassIn = 1;

    /// <summary>The types keepalived accepts, with their RFC 1035 / 3596 / 4034 numbers.</summary>
    public static ushort TypeCode(string type) => type.ToUpperInvariant() switch
    {
        "A" => 1,
        "NS" => 2,
        "CNAME" => 5,
        "SOA" => 6,
        "MX" => 15,
        "TXT" => 16,
        "AAAA" => 28,
        "RRSIG" => 46,
        "DNSKEY" => 48,
        _ => 0,
    };

    /// <summary>The query datagram; null when the type is unknown or a label is empty or over 63 bytes.</summary>
    public static byte[]? Build(ushort id, string type, string? name)
    {
        var code = TypeCode(type);
        if (code == 0) return null;
        var question = EncodeName(name);
        if (question is null) return null;
        var query = new byte[HeaderLength + question.Length + 4];
        var span = query.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], FlagRecursionDesired);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1); // QDCOUNT; AN, NS, AR stay 0
        question.CopyTo(span[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(HeaderLength + question.Length)..], code);
        BinaryPrimitives.WriteUInt16BigEndian(span[(HeaderLength + question.Length + 2)..], ClassIn);
        return query;
    }

    /// <summary>Labels with their length bytes and the final root label; "" and "." are the root.</summary>
    public static byte[]? EncodeName(string? name)
    {
        var text = (name ?? "").TrimEnd('.');
        var encoded = new List<byte>();
        if (text.Length > 0)
            foreach (var label in text.Split('.'))
            {
                var bytes = Encoding.UTF8.GetBytes(label);
                if (bytes.Length is 0 or > 63) return null;
                encoded.Add((byte)bytes.Length);
                encoded.AddRange(bytes);
            }
        encoded.Add(0);
        return encoded.Count > 255 ? null : encoded.ToArray();
    }
}
