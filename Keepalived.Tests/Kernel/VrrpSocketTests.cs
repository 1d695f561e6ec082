using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Vrrp;

namespace Keepalived.Tests.Kernel;

/// <summary>VrrpSocket between two network namespaces: what leaves A and what B's socket reports.</summary>
public sealed class VrrpSocketTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static TheoryData<bool, bool, int, int> Modes => new()
    {
        // ipv6, unicast, unicast_ttl (0: none), expected TTL / hop limit
        { false, false, 0, 255 },
        { false, true, 0, 255 },   // keepalived's IPv4 default
        { false, true, 17, 17 },
        { true, false, 0, 255 },
        { true, true, 0, 64 },     // keepalived sets no hop limit: the kernel's default
        { true, true, 17, 17 },
    };

    [RootTheory]
    [MemberData(nameof(Modes))]
    public async Task Advert_from_A_arrives_in_B_as_keepalived_sends_it(bool ipv6, bool unicast, int unicastTtl, int expectedTtl)
    {
        using var link = VethLink.Create();
        IPAddress source = ipv6 ? VethLink.A6 : VethLink.A4;
        IPAddress destination = unicast ? (ipv6 ? VethLink.B6 : VethLink.B4) : (ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group);
        byte? ttl = unicastTtl == 0 ? null : (byte)unicastTtl;

        using var sender = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, ipv6, unicast, source, ttl)));
        using var receiver = link.B.Run(() => new VrrpSocket(Options(VethLink.BInterface, ipv6, unicast, destination, null)));
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));
        int bIndex = link.B.Run(() => KernelSocket.InterfaceIndex(VethLink.BInterface));

        byte[] advert = TestAdvert.Build(7, 100, source, destination, ipv6 ? IPAddress.Parse("fd00:199::100") : IPAddress.Parse("10.199.0.100"));
        sender.Send(advert, source, destination);

        var buffer = new byte[1500];
        VrrpReceived r = await receiver.ReceiveAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(source, r.Source);
        Assert.Equal(destination, r.Destination);
        Assert.Equal(expectedTtl, r.TtlHopLimit);
        Assert.Equal(bIndex, r.InterfaceIndex);
        Assert.Equal(ipv6 ? 0 : 20, r.Offset);
        byte[] message = buffer.AsSpan(r.Offset, r.Length).ToArray();
        if (ipv6)
            advert.AsSpan(6, 2).CopyTo(message.AsSpan(6)); // the kernel wrote the checksum; compare the rest
        Assert.Equal(advert, message);

        byte[] frame = await capture.NextAsync(f => IsVrrp(f, ipv6));
        WireHeader wire = WireHeader.Of(frame, ipv6);
        Assert.Equal(0xc0, wire.Tos);
        Assert.Equal(expectedTtl, wire.Ttl);
        Assert.Equal(source, wire.Source);
        Assert.Equal(destination, wire.Destination);
        if (!unicast)
            Assert.Equal(ipv6 ? "33-33-00-00-00-12" : "01-00-5E-00-00-12", Convert.ToHexString(frame, 0, 6).Chunk(2).Select(c => new string(c)).Aggregate((x, y) => $"{x}-{y}"));
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Own_multicast_adverts_are_not_heard(bool ipv6)
    {
        using var link = VethLink.Create();
        IPAddress group = ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group;
        IPAddress a = ipv6 ? VethLink.A6 : VethLink.A4, b = ipv6 ? VethLink.B6 : VethLink.B4;
        using var socketA = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, ipv6, false, null, null)));
        using var socketB = link.B.Run(() => new VrrpSocket(Options(VethLink.BInterface, ipv6, false, null, null)));
        var buffer = new byte[1500];

        socketA.Send(TestAdvert.Build(1, 100, a, group, a), a, group);
        VrrpReceived atB = await socketB.ReceiveAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(a, atB.Source);

        // B answers only after A's advert was out: had A heard itself, its own copy would come first
        socketB.Send(TestAdvert.Build(1, 50, b, group, b), b, group);
        VrrpReceived atA = await socketA.ReceiveAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(b, atA.Source);
        Assert.Equal(50, buffer[atA.Offset + 2]);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rehearsed_send_puts_nothing_on_the_wire(bool ipv6)
    {
        using var link = VethLink.Create();
        IPAddress group = ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group;
        IPAddress a = ipv6 ? VethLink.A6 : VethLink.A4;
        using var sender = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, ipv6, false, null, null)));
        using var receiver = link.B.Run(() => new VrrpSocket(Options(VethLink.BInterface, ipv6, false, null, null)));
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));

        sender.RehearseSend();
        sender.Send(TestAdvert.Build(1, 77, a, group, a), a, group);

        // had the rehearsal sent anything, it would be the first datagram B reads and sees
        var buffer = new byte[1500];
        VrrpReceived first = await receiver.ReceiveAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(77, buffer[first.Offset + 2]);
        byte[] frame = await capture.NextAsync(f => IsVrrp(f, ipv6));
        Assert.Equal(77, frame[(ipv6 ? 14 + 40 : 14 + 20) + 2]);
    }

    [RootFact]
    public async Task Dispose_ends_a_pending_receive()
    {
        using var ns = NetNs.Create();
        var socket = ns.Run(() => new VrrpSocket(Options("lo", false, true, null, null)));
        ValueTask<VrrpReceived> pending = socket.ReceiveAsync(new byte[1500], CancellationToken.None);
        Assert.False(pending.IsCompleted);
        socket.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.AsTask().WaitAsync(Bound));
    }

    [RootFact]
    public async Task Cancelling_ends_a_pending_receive()
    {
        using var ns = NetNs.Create();
        using var socket = ns.Run(() => new VrrpSocket(Options("lo", true, true, null, null)));
        using var cts = new CancellationTokenSource();
        ValueTask<VrrpReceived> pending = socket.ReceiveAsync(new byte[1500], cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(Bound));
    }

    [RootFact]
    public async Task A_datagram_larger_than_the_buffer_is_counted_and_skipped()
    {
        using var link = VethLink.Create();
        using var sender = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, false, false, null, null)));
        using var receiver = link.B.Run(() => new VrrpSocket(Options(VethLink.BInterface, false, false, null, null)));
        IPAddress group = VrrpSocketOptions.Ipv4Group;

        sender.Send(new byte[200], VethLink.A4, group);
        byte[] small = TestAdvert.Build(9, 100, VethLink.A4, group, VethLink.A4);
        sender.Send(small, VethLink.A4, group);

        var buffer = new byte[64];
        VrrpReceived r = await receiver.ReceiveAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(small, buffer.AsSpan(r.Offset, r.Length).ToArray());
        Assert.Equal(1, receiver.TruncatedDrops);
    }

    /// <summary>
    /// What the kernel answers: IPv4 finds no route on the down device; IPv6 has dropped the
    /// link's addresses, so the source in IPV6_PKTINFO is refused.
    /// </summary>
    [RootTheory]
    [InlineData(false, Errno.ENETUNREACH)]
    [InlineData(true, Errno.EINVAL)]
    public void Sending_on_a_link_that_is_down_is_a_typed_error(bool ipv6, Errno expected)
    {
        using var link = VethLink.Create();
        using var sender = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, ipv6, false, null, null)));
        link.A.Ip("link", "set", VethLink.AInterface, "down");
        IPAddress source = ipv6 ? VethLink.A6 : VethLink.A4;
        IPAddress group = ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group;

        var e = Assert.Throws<ErrnoException>(() => sender.Send(TestAdvert.Build(1, 100, source, group, source), source, group));
        Assert.Equal(expected, e.Errno);
    }

    [RootFact]
    public void Sending_from_an_IPv6_address_the_host_lacks_is_a_typed_error()
    {
        using var link = VethLink.Create();
        using var sender = link.A.Run(() => new VrrpSocket(Options(VethLink.AInterface, true, false, null, null)));
        IPAddress gone = IPAddress.Parse("fd00:199::99");
        IPAddress group = VrrpSocketOptions.Ipv6Group;

        var e = Assert.Throws<ErrnoException>(() => sender.Send(TestAdvert.Build(1, 100, gone, group, gone), gone, group));
        Assert.Equal(Errno.EINVAL, e.Errno);
    }

    [RootFact]
    public void An_unknown_interface_is_ENODEV()
    {
        using var ns = NetNs.Create();
        var e = Assert.Throws<ErrnoException>(() => ns.Run(() => new VrrpSocket(Options("nosuch0", false, false, null, null))));
        Assert.Equal(Errno.ENODEV, e.Errno);
    }

    [Fact]
    public void Options_with_a_group_of_the_other_family_are_refused()
    {
        var options = new VrrpSocketOptions { Interface = "lo", Family = AddressFamily.InterNetwork, MulticastGroup = VrrpSocketOptions.Ipv6Group };
        Assert.Throws<ArgumentException>(() => new VrrpSocket(options));
    }

    internal static VrrpSocketOptions Options(string ifName, bool ipv6, bool unicast, IPAddress? unicastSource, byte? unicastTtl) => new()
    {
        Interface = ifName,
        Family = ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork,
        Unicast = unicast,
        UnicastSource = unicast ? unicastSource : null,
        UnicastTtl = unicastTtl,
    };

    private static bool IsVrrp(byte[] frame, bool ipv6) =>
        frame.Length > 34 && (ipv6
            ? PacketCapture.EtherType(frame) == 0x86dd && frame[20] == 112
            : PacketCapture.EtherType(frame) == 0x0800 && frame[23] == 112);

    /// <summary>The IP header fields of a captured frame that keepalived's adverts fix.</summary>
    private readonly record struct WireHeader(int Tos, int Ttl, IPAddress Source, IPAddress Destination)
    {
        public static WireHeader Of(byte[] frame, bool ipv6)
        {
            ReadOnlySpan<byte> ip = frame.AsSpan(14);
            return ipv6
                ? new(((ip[0] & 0x0f) << 4) | (ip[1] >> 4), ip[7], new IPAddress(ip[8..24]), new IPAddress(ip[24..40]))
                : new(ip[1], ip[8], new IPAddress(ip[12..16]), new IPAddress(ip[16..20]));
        }
    }
}
