using System.Net;
using Keepalived.Actors.Vrrp.Packet;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// Builds one instance's advertisements: header fields, packed addresses and password are
/// prepared once; each advert is written into a fresh array because it travels to the
/// socket actor on another thread. VRRPv3 checksums cover the destination (RFC 5798 §5.2.8),
/// so a unicast instance gets one advert per peer.
/// </summary>
internal sealed class AdvertBuilder
{
    private readonly VrrpAdvertFields _fields;
    private readonly byte[] _addresses;
    private readonly byte[] _authData;
    private readonly byte[] _source;
    private readonly int _length;

    public AdvertBuilder(VrrpInstanceEnvironment env, VrrpStateMachineSettings settings, VrrpReceiveExpectations expectations)
    {
        _fields = new VrrpAdvertFields(settings.Version, env.Family, (byte)settings.VirtualRouterId, 0,
            VrrpAdvertFields.IntervalField(settings.Version, settings.AdvertInterval),
            settings.Version == VrrpConstants.Version2 ? env.Config.AuthType : Config.Vrrp.VrrpAuthType.None);
        _addresses = expectations.PackedVirtualAddresses();
        _authData = expectations.AuthData();
        _source = env.PrimaryAddress.GetAddressBytes();
        _length = VrrpAdvert.Length(settings.Version, _addresses.Length / VrrpAdvert.AddressLength(env.Family), env.Family);
    }

    public byte[] Build(int priority, IPAddress destination)
    {
        var message = new byte[_length];
        Span<byte> to = stackalloc byte[16];
        destination.TryWriteBytes(to, out var n);
        var pseudo = VrrpPseudoHeader.For(_fields.Version, _source, to[..n]);
        VrrpAdvertWriter.Write(message, _fields with { Priority = (byte)priority }, _addresses, _authData, pseudo);
        return message;
    }
}
