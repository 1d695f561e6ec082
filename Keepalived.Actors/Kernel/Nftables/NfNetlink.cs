using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// The NETLINK_NETFILTER socket keepalived talks to nf_tables on: it sends a batch and waits
/// for the answer to each of its requests (an ACK, or the error that made the kernel refuse the
/// whole batch), matched by sequence number and port id; answers to an earlier, timed-out
/// exchange are skipped. Blocking is bounded by <see cref="Timeout"/>. The socket belongs to the
/// network namespace of the thread that created this object.
/// </summary>
public sealed class NfNetlink : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly NetlinkSocket _socket = new(LibcCalls.NETLINK_NETFILTER);
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private readonly byte[] _request = new byte[64];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages skipped: answers to earlier exchanges, or malformed datagrams.</summary>
    public long SkippedMessages { get; private set; }

    /// <summary>One request the kernel refused, with the extended-ack text when it gave one.</summary>
    public readonly record struct Failure(uint Sequence, Errno Errno, string? Text);

    /// <summary>
    /// Sends <paramref name="batch"/> and returns the requests the kernel refused (empty: all
    /// applied). Throws <see cref="ErrnoException"/> when the socket fails or no answer comes in time.
    /// </summary>
    public List<Failure> Exchange(ReadOnlySpan<byte> batch, uint beginSequence, uint lastSequence)
    {
        _socket.Send(batch);
        var failures = new List<Failure>();
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var received = Receive("nf_tables batch", deadline.Token);
            if (ReadAnswers(received, beginSequence, lastSequence, failures)) return failures;
        }
    }

    /// <summary>Whether <paramref name="family"/> has a table named <paramref name="table"/> (NFT_MSG_GETTABLE).</summary>
    public bool TableExists(byte family, string table, uint sequence)
    {
        var writer = new NetlinkWriter(_request);
        writer.AppendMessage(NfNetlinkConstants.MessageType(NftMessageType.GetTable), NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        var header = writer.Reserve(NfNetlinkConstants.NfGenMsgSize);
        header[0] = family;
        writer.AttributeString(NftAttributes.Table.Name, table);
        _socket.Send(_request.AsSpan(0, writer.EndMessage()));
        using var deadline = new CancellationTokenSource(Timeout);
        var found = false;
        while (true)
        {
            var received = Receive("get table", deadline.Token);
            var reader = new NetlinkMessageReader(_receive.AsSpan(0, received));
            while (reader.TryRead(out var message))
            {
                if (!IsAnswer(message, sequence, sequence)) SkippedMessages++;
                else if (message.TryReadError(out var errno, out var text))
                    return errno switch
                    {
                        Errno.None => found,
                        Errno.ENOENT => false,
                        _ => throw new ErrnoException(text is null ? $"get table {table}" : $"get table {table} ({text})", errno),
                    };
                else found |= (ushort)message.Header.Type == NfNetlinkConstants.MessageType(NftMessageType.NewTable);
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Reads one datagram's answers; true once the last request (or the batch as a whole) is answered.</summary>
    private bool ReadAnswers(int received, uint begin, uint last, List<Failure> failures)
    {
        var reader = new NetlinkMessageReader(_receive.AsSpan(0, received));
        var done = false;
        while (reader.TryRead(out var message))
        {
            if (!IsAnswer(message, begin, last) || !message.TryReadError(out var errno, out var text))
            {
                SkippedMessages++;
                continue;
            }
            if (errno != Errno.None) failures.Add(new Failure(message.Header.Sequence, errno, text));
            // the kernel answers in request order; an error about the begin message ends the batch
            done |= message.Header.Sequence == last || message.Header.Sequence == begin;
        }
        if (reader.Malformed) SkippedMessages++;
        return done;
    }

    private bool IsAnswer(in NetlinkMessage message, uint first, uint last) =>
        message.Header.PortId == _socket.PortId && message.Header.Sequence - first <= last - first;

    private int Receive(string what, CancellationToken deadline) =>
        _socket.ReceiveAsync(_receive, what, Timeout, deadline, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
