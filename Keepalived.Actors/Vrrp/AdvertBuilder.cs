using System.Net;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// Builds one instance's advertisements: header fields, packed addresses and password are
/// prepared once. An advert changes only with the priority, so the messages for the socket
/// are kept and handed out again until the priority changes: a master sends without
/// allocating. A message is never written after it was handed out (it travels to the socket
/// actor, possibly on another thread); a new priority gets new arrays. VRRPv3 checksums cover
/// the destination (RFC 5798 §5.2.8), so a unicast instance has one advert per peer.
/// </summary>
internal sealed class AdvertBuilder
{
    private readonly VrrpAdvertFields _fields;
    private readonly byte[] _addresses;
    private readonly byte[] _authData;
    private readonly byte[] _source;
    private readonly int _length;
    private readonly IPAddress _sourceAddress;
    private readonly IReadOnlyList<IPAddress> _destinations;
    private readonly VrrpSocketActor.Send[] _sends;
    private int _priority = -1;

    public AdvertBuilder(VrrpInstanceEnvironment env, VrrpStateMachineSettings settings, VrrpReceiveExpectations expectations)
    {
        _fields = new VrrpAdvertFields(settings.Version, env.Family, (byte)settings.VirtualRouterId, 0,
            VrrpAdvertFields.IntervalField(settings.Version, settings.AdvertInterval),
            settings.Version == VrrpConstants.Version2 ? env.Config.AuthType : Config.Vrrp.VrrpAuthType.None);
        _addresses = expectations.PackedVirtualAddresses();
        _authData = expectations.AuthData();
        _sourceAddress = env.PrimaryAddress;
        _source = env.PrimaryAddress.GetAddressBytes();
        _length = VrrpAdvert.Length(settings.Version, _addresses.Length / VrrpAdvert.AddressLength(env.Family), env.Family);
        _destinations = env.Destinations;
        _sends = new VrrpSocketActor.Send[env.Destinations.Count];
        ReceivedLength = _length + (env.Family == System.Net.Sockets.AddressFamily.InterNetwork
            ? Ipv4Header.MinimumLength + (_fields.AuthType == Config.Vrrp.VrrpAuthType.Ah ? IpsecAh.Length : 0)
            : 0);
    }

    /// <summary>The advert's length as a peer's socket receives it: for IPv4 with its IP header (and AH), keepalived's vrrp_adv_len.</summary>
    public int ReceivedLength { get; }

    /// <summary>The adverts at <paramref name="priority"/>, one per destination, in the order of the destinations.</summary>
    public ReadOnlySpan<VrrpSocketActor.Send> Sends(int priority)
    {
        if (priority != _priority)
        {
            for (var i = 0; i < _sends.Length; i++)
                _sends[i] = new VrrpSocketActor.Send(Build(priority, _destinations[i]), _sourceAddress, _destinations[i]);
            _priority = priority;
        }
        return _sends;
    }

    private byte[] Build(int priority, IPAddress destination)
    {
        var message = new byte[_length];
        Span<byte> to = stackalloc byte[16];
        destination.TryWriteBytes(to, out var n);
        var pseudo = VrrpPseudoHeader.For(_fields.Version, _source, to[..n]);
        VrrpAdvertWriter.Write(message, _fields with { Priority = (byte)priority }, _addresses, _authData, pseudo);
        return message;
    }
}
