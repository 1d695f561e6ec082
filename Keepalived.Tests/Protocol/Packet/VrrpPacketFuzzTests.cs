using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol.Packet;
using static Keepalived.Tests.Protocol.Packet.PacketTestSupport;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>
/// Hostile input: random bytes and mutated valid adverts go through the IPv4 reader, the
/// advert reader and the validator without an exception, and every verdict is one of the
/// defined reasons. Seeded, so a failure reproduces.
/// </summary>
public class VrrpPacketFuzzTests
{
    private static readonly VrrpReceiveExpectations[] Instances =
    [
        new()
        {
            Version = 2, Family = AddressFamily.InterNetwork, VirtualRouterId = 51, AdvertInterval = TimeSpan.FromSeconds(1),
            VirtualAddresses = [IPAddress.Parse("10.123.0.100")], AuthType = VrrpAuthType.Pass, AuthPass = "lab51",
        },
        new()
        {
            Version = 2, Family = AddressFamily.InterNetwork, VirtualRouterId = 51, AdvertInterval = TimeSpan.FromSeconds(1),
            VirtualAddresses = [IPAddress.Parse("10.123.0.100")], AuthType = VrrpAuthType.Ah,
        },
        new()
        {
            Version = 3, Family = AddressFamily.InterNetwork, VirtualRouterId = 2, AdvertInterval = TimeSpan.FromSeconds(1),
            VirtualAddresses = [IPAddress.Parse("20.0.1.2"), IPAddress.Parse("20.0.1.3")], Unicast = true, CheckUnicastSource = true,
            UnicastPeers = [new UnicastPeer(IPAddress.Parse("20.0.0.3"), 2, 64)],
        },
        new()
        {
            Version = 3, Family = AddressFamily.InterNetworkV6, VirtualRouterId = 2, AdvertInterval = TimeSpan.FromSeconds(1),
            VirtualAddresses = [IPAddress.Parse("2001:db8::2"), IPAddress.Parse("2001:db8::3")],
        },
    ];

    private static readonly byte[][] Seeds =
    [
        Ipv4Datagram("10.123.0.11", "224.0.0.18", Advert(V2(51, 150, 1, VrrpAuthType.Pass), "10.123.0.11", "224.0.0.18", ["10.123.0.100"], "lab51")),
        Ipv4Datagram("20.0.0.3", "20.0.0.4", Advert(V3(), "20.0.0.3", "20.0.0.4", ["20.0.1.2", "20.0.1.3"]), ttl: 64),
        Ipv4Datagram("20.0.0.3", "224.0.0.18", [.. new byte[IpsecAh.Length], .. Advert(V2(51, 150, 1, VrrpAuthType.Ah), "20.0.0.3", "224.0.0.18", ["10.123.0.100"])], protocol: 51),
        Advert(V3(ipv6: true), "fe80::1", "ff02::12", ["2001:db8::2", "2001:db8::3"]),
    ];

    private readonly VrrpReceiveValidator[] validators = [.. Instances.Select(i => new VrrpReceiveValidator(i))];

    /// <summary>Everything a receive path would do with the bytes; returns whether every verdict was a defined one.</summary>
    private bool Survives(byte[] data)
    {
        var defined = true;
        if (ReceivedDatagram.TryFromIpv4(data, out var ipv4) == Ipv4ReadStatus.Ok)
        {
            foreach (var v in validators.Where(v => v.Expectations.Family == AddressFamily.InterNetwork))
                defined &= Enum.IsDefined(v.Check(ipv4, ipv4.Source).Reason) && Enum.IsDefined(v.Check(ipv4).Reason);
            ReadAll(ipv4.Payload, AddressFamily.InterNetwork);
        }
        var ipv6 = new ReceivedDatagram(data, Ip("fe80::1"), Ip("ff02::12"), data.Length > 0 ? data[0] : -1);
        foreach (var v in validators.Where(v => v.Expectations.Family == AddressFamily.InterNetworkV6))
            defined &= Enum.IsDefined(v.Check(ipv6).Reason);
        ReadAll(data, AddressFamily.InterNetworkV6);
        return defined;
    }

    private static void ReadAll(ReadOnlySpan<byte> message, AddressFamily family)
    {
        if (VrrpAdvert.TryRead(message, family, out var advert) != VrrpReadStatus.Ok)
            return;
        _ = (advert.Version, advert.Type, advert.AuthType, advert.AdvertInterval, advert.Reserved, advert.Checksum, advert.AuthData.Length);
        for (var i = 0; i < advert.AddressCount; i++)
            _ = advert.Address(i);
        advert.VerifyChecksum(VrrpPseudoHeader.None);
    }

    [Fact]
    public void Random_bytes_never_throw() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => Survives(bytes ?? []))
            .Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    public void Mutated_adverts_never_throw()
    {
        var rng = new Random(20_250_112);
        var accepted = 0;
        for (var round = 0; round < 5000; round++)
        {
            var data = Mutate(rng, Seeds[round % Seeds.Length]);
            Assert.True(Survives(data));
            if (ReceivedDatagram.TryFromIpv4(data, out var d) != Ipv4ReadStatus.Ok)
                continue;
            foreach (var v in validators)
                accepted += v.Check(d).IsAccepted ? 1 : 0;
        }
        // Mutations that keep the advert valid (e.g. a TOS change) must still be accepted; most are refused.
        Assert.InRange(accepted, 1, 4999);
    }

    private static byte[] Mutate(Random rng, byte[] seed)
    {
        var data = (byte[])seed.Clone();
        switch (rng.Next(5))
        {
            case 0: // truncate
                return data[..rng.Next(data.Length + 1)];
            case 1: // extend with junk
                var longer = new byte[data.Length + rng.Next(1, 40)];
                data.CopyTo(longer, 0);
                rng.NextBytes(longer.AsSpan(data.Length));
                return longer;
            case 2: // the fields that steer parsing: IHL, protocol, count, version/type
                int[] offsets = [0, 9, 20, 21, 23, 44, 47];
                var at = offsets[rng.Next(offsets.Length)];
                if (at < data.Length)
                    data[at] = (byte)rng.Next(256);
                return data;
            default: // a few random bytes or bits
                for (var k = rng.Next(1, 4); k > 0 && data.Length > 0; k--)
                {
                    var i = rng.Next(data.Length);
                    data[i] = rng.Next(2) == 0 ? (byte)rng.Next(256) : (byte)(data[i] ^ (1 << rng.Next(8)));
                }
                return data;
        }
    }
}
