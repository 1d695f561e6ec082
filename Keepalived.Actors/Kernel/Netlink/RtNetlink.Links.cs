namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>The link requests of the request socket: what a VMAC needs (<see cref="LinkMessage"/>).</summary>
public sealed partial class RtNetlink
{
    /// <summary>Creates a private macvlan; <see cref="RtNetlinkResult.Exists"/> when the name is taken.</summary>
    public Task<RtNetlinkResult> CreateMacvlanAsync(string name, int linkIndex, byte[] mac, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteCreateMacvlan(ref w, name, linkIndex, mac, sequence),
            add: true, $"create macvlan {name}", cancellationToken);

    public Task<RtNetlinkResult> UpdateMacvlanAsync(int index, byte[] mac, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteUpdateMacvlan(ref w, index, mac, sequence),
            add: false, $"update macvlan {index}", cancellationToken);

    /// <summary>Deletes a link; <see cref="RtNetlinkResult.NotFound"/> when it has gone already.</summary>
    public Task<RtNetlinkResult> DeleteLinkAsync(int index, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteDelete(ref w, index, sequence),
            add: false, $"delete link {index}", cancellationToken);

    public Task<RtNetlinkResult> SetLinkUpAsync(int index, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteSetUp(ref w, index, sequence),
            add: false, $"set link {index} up", cancellationToken);

    public Task<RtNetlinkResult> SetAddrGenModeNoneAsync(int index, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteAddrGenModeNone(ref w, index, sequence),
            add: false, $"set addrgenmode none on link {index}", cancellationToken);

    public Task<RtNetlinkResult> SetIpv4ConfAsync(int index, (Ipv4DevConf Id, uint Value)[] settings, CancellationToken cancellationToken = default) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => LinkMessage.WriteIpv4Conf(ref w, index, settings, sequence),
            add: false, $"set ipv4 devconf of link {index}", cancellationToken);
}
