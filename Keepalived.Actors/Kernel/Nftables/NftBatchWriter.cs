using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// Writes one nf_tables transaction: NFNL_MSG_BATCH_BEGIN, the requests (each an nlmsghdr, an
/// nfgenmsg and NFTA_* attributes through <see cref="Writer"/>), NFNL_MSG_BATCH_END. The kernel
/// applies all of the requests or none. Every request asks for an ACK, so the answers tell
/// which failed; sequence numbers run on from <paramref name="sequence"/>.
/// </summary>
public ref struct NftBatchWriter
{
    private NetlinkWriter _writer;
    private uint _sequence;

    public NftBatchWriter(Span<byte> buffer, uint sequence)
    {
        _writer = new NetlinkWriter(buffer);
        _sequence = sequence;
        BeginSequence = sequence;
        Control(NfNetlinkConstants.BatchBegin);
    }

    /// <summary>The sequence number of the batch's begin message (an error about the batch as a whole carries it).</summary>
    public uint BeginSequence { get; }

    /// <summary>The sequence number of the last request, whose answer is the last to come.</summary>
    public uint LastRequestSequence { get; private set; }

    /// <summary>Requests written (begin and end not counted).</summary>
    public int Requests { get; private set; }

    /// <summary>The sequence number to start the next batch with.</summary>
    public readonly uint NextSequence => _sequence;

    [UnscopedRef]
    public ref NetlinkWriter Writer => ref _writer;

    /// <summary>Starts a request of <paramref name="family"/> (NFPROTO_*); NLM_F_REQUEST and NLM_F_ACK are added.</summary>
    public void Begin(NftMessageType type, byte family, ushort flags)
    {
        LastRequestSequence = _sequence;
        Requests++;
        _writer.AppendMessage(NfNetlinkConstants.MessageType(type), (ushort)(flags | NetlinkFlags.Request | NetlinkFlags.Ack), _sequence++);
        WriteNfGenMsg(_writer.Reserve(NfNetlinkConstants.NfGenMsgSize), family, 0);
    }

    public void End() => _writer.EndMessage();

    /// <summary>Appends NFNL_MSG_BATCH_END and returns the batch's length.</summary>
    public int Finish()
    {
        Control(NfNetlinkConstants.BatchEnd);
        return _writer.Length;
    }

    public readonly ReadOnlySpan<byte> Written => _writer.Written;

    /// <summary>A batch begin or end: no ACK asked, the nfgenmsg's res_id names the subsystem.</summary>
    private void Control(ushort type)
    {
        _writer.AppendMessage(type, NetlinkFlags.Request, _sequence++);
        WriteNfGenMsg(_writer.Reserve(NfNetlinkConstants.NfGenMsgSize), 0, NfNetlinkConstants.SubsystemNfTables);
        _writer.EndMessage();
    }

    private static void WriteNfGenMsg(Span<byte> header, byte family, ushort resourceId)
    {
        header[0] = family;
        header[1] = 0; // NFNETLINK_V0
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], resourceId);
    }
}
