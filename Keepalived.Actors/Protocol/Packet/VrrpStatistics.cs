using System.Globalization;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// One instance's counters, named after keepalived's vrrp_stats (vrrp.h). One actor owns an
/// instance, so plain increments are enough. <see cref="ChkErr"/> and <see cref="VersErr"/> are
/// keepalived's SNMP (RFC 2787 / RFC 6527) counters, which the stats file does not show.
/// </summary>
public sealed class VrrpStatistics
{
    /// <summary>A copy of the counters as they are now, for readers outside the owning actor (status, SIGUSR2).</summary>
    public VrrpStatistics Snapshot() => (VrrpStatistics)MemberwiseClone();

    public long AdvertRcvd { get; set; }
    public long AdvertSent { get; set; }
    public long BecomeMaster { get; set; }
    public long ReleaseMaster { get; set; }
    public long PacketLenErr { get; set; }
    /// <summary>VRRPv2 interval mismatches. keepalived 2.2.7 prints this but never counts it; we count the drop.</summary>
    public long AdvertIntervalErr { get; set; }
    public long IpTtlErr { get; set; }
    public long InvalidTypeRcvd { get; set; }
    public long AddrListErr { get; set; }
    public long InvalidAuthtype { get; set; }
    public long AuthtypeMismatch { get; set; }
    public long AuthFailure { get; set; }
    public long PriZeroRcvd { get; set; }
    public long PriZeroSent { get; set; }
    public long ChkErr { get; set; }
    public long VersErr { get; set; }

    /// <summary>Zeroes every counter (keepalived's SIGSTATS_CLEAR, after the file is written).</summary>
    public void Clear()
    {
        AdvertRcvd = AdvertSent = BecomeMaster = ReleaseMaster = 0;
        PacketLenErr = AdvertIntervalErr = IpTtlErr = InvalidTypeRcvd = AddrListErr = 0;
        InvalidAuthtype = AuthtypeMismatch = AuthFailure = 0;
        PriZeroRcvd = PriZeroSent = 0;
        ChkErr = VersErr = 0;
    }

    /// <summary>Writes this instance's block of keepalived.stats, as vrrp_print_stats does (a keepalived built with VRRP_AUTH).</summary>
    public void WriteStats(TextWriter writer, string instanceName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        void Line(string text, long value) => writer.Write(string.Create(CultureInfo.InvariantCulture, $"{text}{value}\n"));

        writer.Write($"VRRP Instance: {instanceName}\n");
        writer.Write("  Advertisements:\n");
        Line("    Received: ", AdvertRcvd);
        Line("    Sent: ", AdvertSent);
        Line("  Became master: ", BecomeMaster);
        Line("  Released master: ", ReleaseMaster);
        writer.Write("  Packet Errors:\n");
        Line("    Length: ", PacketLenErr);
        Line("    TTL: ", IpTtlErr);
        Line("    Invalid Type: ", InvalidTypeRcvd);
        Line("    Advertisement Interval: ", AdvertIntervalErr);
        Line("    Address List: ", AddrListErr);
        writer.Write("  Authentication Errors:\n");
        Line("    Invalid Type: ", InvalidAuthtype);
        Line("    Type Mismatch: ", AuthtypeMismatch);
        Line("    Failure: ", AuthFailure);
        writer.Write("  Priority Zero:\n");
        Line("    Received: ", PriZeroRcvd);
        Line("    Sent: ", PriZeroSent);
    }

    /// <summary>This instance's block of keepalived.stats as a string.</summary>
    public string FormatStats(string instanceName)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteStats(writer, instanceName);
        return writer.ToString();
    }
}
