using System.Buffers.Binary;

namespace Keepalived.Tests.Kernel;

/// <summary>Writes captured Ethernet frames as a classic pcap file, for tshark to decode.</summary>
internal static class PcapFile
{
    public static void Write(string path, params byte[][] frames)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);   // magic, microsecond timestamps
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);       // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);  // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);      // LINKTYPE_ETHERNET
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (byte[] frame in frames)
        {
            record.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
        }
    }
}
