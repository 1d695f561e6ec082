using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Kernel;

/// <summary>A VRRPv3 advertisement (RFC 5798 §5.1) for the socket tests, with one virtual address.</summary>
internal static class TestAdvert
{
    public static byte[] Build(byte vrid, byte priority, IPAddress source, IPAddress destination, IPAddress vip)
    {
        int addressLength = vip.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        var message = new byte[8 + addressLength];
        message[0] = 0x31;                    // version 3, type 1 (advertisement)
        message[1] = vrid;
        message[2] = priority;
        message[3] = 1;                       // count of addresses
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 100); // max advert interval, centiseconds
        vip.TryWriteBytes(message.AsSpan(8), out _);

        // the checksum covers the IP pseudo-header (RFC 5798 §5.2.8); for IPv6 the kernel writes it
        if (addressLength == 4)
        {
            Span<byte> pseudo = stackalloc byte[12];
            source.TryWriteBytes(pseudo, out _);
            destination.TryWriteBytes(pseudo[4..], out _);
            pseudo[9] = 112;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)message.Length);
            uint sum = InternetChecksum.Add(InternetChecksum.Add(0, pseudo), message);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), InternetChecksum.Complement(sum));
        }
        return message;
    }
}
