using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// The header fields of an advertisement to write. <see cref="AdvertIntervalField"/> is the
/// value as sent: VRRPv2 seconds, VRRPv3 centiseconds (see <see cref="IntervalField"/>).
/// </summary>
public readonly record struct VrrpAdvertFields(
    int Version,
    AddressFamily Family,
    byte VirtualRouterId,
    byte Priority,
    ushort AdvertIntervalField,
    VrrpAuthType AuthType = VrrpAuthType.None,
    int Type = VrrpConstants.TypeAdvertisement)
{
    /// <summary>
    /// The interval field for <paramref name="interval"/>: whole seconds 1-255 for VRRPv2,
    /// centiseconds 1-4095 for VRRPv3. keepalived's configuration rounds into this range
    /// before an instance runs, so a value outside it here is a caller error.
    /// </summary>
    public static ushort IntervalField(int version, TimeSpan interval)
    {
        var unit = version == VrrpConstants.Version2 ? VrrpConstants.V2AdvertIntervalUnit : VrrpConstants.V3AdvertIntervalUnit;
        var max = version == VrrpConstants.Version2 ? byte.MaxValue : VrrpConstants.V3AdvertIntervalMask;
        if (interval.Ticks % unit.Ticks != 0 || interval < unit || interval > unit * max)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"VRRPv{version} advertisement interval must be a multiple of {unit.TotalMilliseconds} ms between 1 and {max} units");
        return (ushort)(interval.Ticks / unit.Ticks);
    }
}
