using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>Write → read gives the fields back, the checksum verifies, and no single bit flip goes unnoticed.</summary>
public class VrrpCodecPropertyTests
{
    public sealed record Case(VrrpAdvertFields Fields, byte[] Addresses, byte[] AuthData, byte[] Source, byte[] Destination, bool AsV2)
    {
        public int AddressLength => Fields.Family == AddressFamily.InterNetwork ? 4 : 16;
        public VrrpPseudoHeader PseudoHeader => VrrpPseudoHeader.For(Fields.Version, Source, Destination, AsV2);
        public override string ToString() => $"{Fields} addresses={Convert.ToHexString(Addresses)} auth={Convert.ToHexString(AuthData)} src={Convert.ToHexString(Source)} dst={Convert.ToHexString(Destination)} asV2={AsV2}";
    }

    private static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    private static readonly Gen<Case> Cases =
        from ipv6 in ArbMap.Default.GeneratorFor<bool>()
        from v2 in ArbMap.Default.GeneratorFor<bool>()
        let version = ipv6 || !v2 ? 3 : 2
        let size = ipv6 ? 16 : 4
        from vrid in ArbMap.Default.GeneratorFor<byte>()
        from priority in ArbMap.Default.GeneratorFor<byte>()
        from interval in version == 2 ? Gen.Choose(0, 255) : Gen.Choose(0, 4095)
        from auth in version == 2 ? Gen.Elements(VrrpAuthType.None, VrrpAuthType.Pass, VrrpAuthType.Ah) : Gen.Constant(VrrpAuthType.None)
        from count in Gen.Choose(0, 20)
        from addresses in Bytes(count * size)
        from authLength in Gen.Choose(0, 8)
        from authData in Bytes(authLength)
        from source in Bytes(size)
        from destination in Bytes(size)
        from asV2 in ArbMap.Default.GeneratorFor<bool>()
        select new Case(new VrrpAdvertFields(version, ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, vrid, priority, (ushort)interval, auth),
            addresses, authData, source, destination, asV2);

    private static byte[] Write(Case c)
    {
        var buffer = new byte[VrrpAdvert.Length(c.Fields.Version, c.Addresses.Length / c.AddressLength, c.Fields.Family)];
        Assert.Equal(buffer.Length, VrrpAdvertWriter.Write(buffer, c.Fields, c.Addresses, c.AuthData, c.PseudoHeader));
        return buffer;
    }

    private static void Check(Func<Case, bool> property) =>
        Prop.ForAll(Cases.ToArbitrary(), property).Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void Written_fields_read_back() => Check(c =>
    {
        var message = Write(c);
        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(message, c.Fields.Family, out var read));
        var expectedAuth = new byte[8];
        if (c.Fields.AuthType == VrrpAuthType.Pass)
            c.AuthData.CopyTo(expectedAuth, 0);
        return read.Version == c.Fields.Version
            && read.Type == VrrpConstants.TypeAdvertisement
            && read.VirtualRouterId == c.Fields.VirtualRouterId
            && read.Priority == c.Fields.Priority
            && read.AdvertIntervalField == c.Fields.AdvertIntervalField
            && read.Reserved == 0
            && read.AuthType == c.Fields.AuthType
            && read.AddressCount == c.Addresses.Length / c.AddressLength
            && read.AddressBytes.SequenceEqual(c.Addresses)
            && (c.Fields.Version == 3 ? read.AuthData.IsEmpty : read.AuthData.SequenceEqual(expectedAuth))
            && read.VerifyChecksum(c.PseudoHeader);
    });

    [Fact]
    public void Any_single_bit_flip_fails_the_checksum() => Check(c =>
    {
        var message = Write(c);
        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            var verified = VrrpChecksum.Verify(message, c.PseudoHeader);
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            if (verified)
                return false;
        }
        return VrrpChecksum.Verify(message, c.PseudoHeader);
    });

    [Fact]
    public void A_bit_flip_in_a_pseudo_header_address_fails_the_checksum() => Check(c =>
    {
        var message = Write(c);
        if (c.PseudoHeader.IsEmpty)
            return true;
        c.Source[0] ^= 0x80;
        return !VrrpChecksum.Verify(message, c.PseudoHeader);
    });

    [Fact]
    public void Checksum_matches_a_plain_16_bit_word_sum() => Check(c =>
    {
        var message = Write(c);
        // Reference: RFC 1071 summing 16-bit words one by one over pseudo-header and message.
        var words = new List<byte>();
        if (!c.PseudoHeader.IsEmpty)
            words.AddRange([.. c.Source, .. c.Destination, 0, VrrpConstants.IpProtocolVrrp, (byte)(message.Length >> 8), (byte)message.Length]);
        words.AddRange(message);
        if (words.Count % 2 == 1)
            words.Add(0);
        uint sum = 0;
        for (var i = 0; i < words.Count; i += 2)
            sum += (uint)(words[i] << 8 | words[i + 1]);
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return sum == 0xFFFF;
    });
}
