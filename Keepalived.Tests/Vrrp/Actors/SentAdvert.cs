using System.Net;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>The fields of an advert the instance gave the socket actor, decoded with the codec.</summary>
internal sealed record SentAdvert(int Version, int Type, int Vrid, int Priority, IReadOnlyList<IPAddress> Addresses,
    VrrpAuthType AuthType, byte[] AuthData, TimeSpan Interval, bool ChecksumValid, IPAddress Source, IPAddress Destination)
{
    public static SentAdvert Decode(VrrpSocketActor.Send send)
    {
        var status = VrrpAdvert.TryRead(send.Message, send.Source.AddressFamily, out var advert);
        Assert.Equal(VrrpReadStatus.Ok, status);
        var pseudo = VrrpPseudoHeader.For(advert.Version, send.Source.GetAddressBytes(), send.Destination.GetAddressBytes());
        var addresses = new IPAddress[advert.AddressCount];
        for (var i = 0; i < addresses.Length; i++) addresses[i] = advert.GetAddress(i);
        return new SentAdvert(advert.Version, advert.Type, advert.VirtualRouterId, advert.Priority, addresses, advert.AuthType, advert.AuthData.ToArray(),
            advert.AdvertInterval, advert.VerifyChecksum(pseudo), send.Source, send.Destination);
    }

    /// <summary>"secret" zero-padded to the 8 bytes of VRRPv2 authentication data.</summary>
    public static byte[] PasswordField(string password)
    {
        var field = new byte[VrrpConstants.AuthDataLength];
        System.Text.Encoding.UTF8.GetBytes(password, field);
        return field;
    }
}
