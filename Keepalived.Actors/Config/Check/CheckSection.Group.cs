using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>virtual_server_group NAME { entries } (vsg_handler, alloc_vsg_entry).</summary>
public sealed partial class CheckSection
{
    private void VirtualServerGroupBlock(Tokens t)
    {
        var group = new VirtualServerGroup(t[1], Context.Here());
        Config.VirtualServerGroups.Add(group);
        // The value block reader expects the keyword at word 0: keepalived passes a line
        // without the group name, whose word 0 is empty.
        Parser.ReadValueBlock(Tokens.Of([.. t.From(2).Prepend("(null)")]), line => GroupEntry(group, line));
        if (group.Fwmarks.Count == 0 && group.AddressRanges.Count == 0)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"virtual server group {group.Name} has no entries - removing");
            Config.VirtualServerGroups.Remove(group);
        }
        else if (group.HaveIpv4 && group.HaveIpv6 && group.FwmarkNoFamily)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"virtual server group {group.Name} cannot have IPv4, IPv6 and fwmark without family - removing");
            Config.VirtualServerGroups.Remove(group);
        }
    }

    private void GroupEntry(VirtualServerGroup group, Tokens t)
    {
        if (t[0] == "fwmark") GroupFwmark(group, t);
        else GroupAddress(group, t);
    }

    private void GroupFwmark(VirtualServerGroup group, Tokens t)
    {
        if (!Values.ReadUnsigned(t[1], out var mark, 0, uint.MaxValue, ignoreError: true))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"({group.Name}): fwmark '{t[1]}' must be in [0, {uint.MaxValue}] - ignoring");
            return;
        }
        var family = AddressFamily.Unspecified;
        if (t.Count > 2)
        {
            family = t[2] switch
            {
                "inet" => AddressFamily.InterNetwork,
                "inet6" => AddressFamily.InterNetworkV6,
                _ => AddressFamily.Unknown,
            };
            if (family == AddressFamily.Unknown)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"({group.Name}): fwmark '{mark}' family {t[2]} unknown - ignoring");
                return;
            }
            if (family == AddressFamily.InterNetwork) group.HaveIpv4 = true;
            else group.HaveIpv6 = true;
        }
        else group.FwmarkNoFamily = true;
        group.Fwmarks.Add(new VsgFwmark(mark, family));
    }

    /// <summary>ADDR [PORT], ADDR/MASK [PORT], ADDR-END [PORT] (END the last octet / hex group, or a whole address).</summary>
    private void GroupAddress(VirtualServerGroup group, Tokens t)
    {
        var text = t[0];
        var port = t.Count >= 2 ? InetAddress.NonZeroPort(t[1]) : null;
        if (!InetAddress.TryParse(text, port, Values, out var start))
        {
            Context.Report(ConfigErrorKind.GeneralError,
                $"Invalid virtual server group IP address {text} {(port is null ? "" : "/port/" + port)} - skipping");
            return;
        }
        var v4 = start.Family == AddressFamily.InterNetwork;
        var bytes = start.Address!.GetAddressBytes();
        byte[] end;
        var slash = text.IndexOf('/');
        var dash = text.IndexOf('-');
        if (slash >= 0)
        {
            if (!uint.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out var mask) || mask == 0 || mask > (v4 ? 32u : 128u))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Invalid netmask - {text} - skipping");
                return;
            }
            if (!HostBitsClear(bytes, (int)mask, out end))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Address mask bits not empty - {text} - skipping");
                return;
            }
        }
        else if (dash >= 0 && text[(dash + 1)..].Contains(v4 ? '.' : ':'))
        {
            if (!InetAddress.TryParse(text[(dash + 1)..], port, Values, out var last))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Invalid range end {text} - skipping");
                return;
            }
            if (last.Family != start.Family)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Range address families do not match {text} - skipping");
                return;
            }
            end = last.Address!.GetAddressBytes();
            if (Compare(end, bytes) < 0)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Address range end is less than address range start - {text} - skipping");
                return;
            }
        }
        else
        {
            if (!RangeEnd(text, v4, out var rangeEnd)) return;
            end = (byte[])bytes.Clone();
            if (rangeEnd is { } r)
            {
                uint first;
                if (v4)
                {
                    end[3] = (byte)r;
                    first = bytes[3];
                }
                else
                {
                    end[14] = (byte)(r >> 8);
                    end[15] = (byte)r;
                    first = (uint)(bytes[14] << 8 | bytes[15]);
                }
                if (first >= r)
                {
                    Context.Report(ConfigErrorKind.GeneralError, $"Address range end is not greater than address range start - {text} - skipping");
                    return;
                }
            }
        }
        group.AddressRanges.Add(new VsgAddressRange(start, new InetAddress(new IPAddress(end), start.Port)));
        if (v4) group.HaveIpv4 = true;
        else group.HaveIpv6 = true;
    }

    /// <summary>inet_stor: the number after '-' (decimal for IPv4, hex for IPv6); null when there is no range.</summary>
    private bool RangeEnd(string text, bool v4, out uint? end)
    {
        end = null;
        var dash = text.IndexOf('-');
        if (dash < 0) return true;
        var digits = text[(dash + 1)..];
        var n = 0;
        ulong value = 0;
        var overflow = false;
        while (n < digits.Length && (v4 ? char.IsAsciiDigit(digits[n]) : char.IsAsciiHexDigit(digits[n])))
        {
            value = value * (v4 ? 10UL : 16UL) + (ulong)Convert.ToInt32(digits[n].ToString(), 16);
            overflow |= value > uint.MaxValue;
            n++;
        }
        end = (uint)Math.Min(value, uint.MaxValue);
        if (n < digits.Length)
        {
            var warn = Context.Parser.Options.ConfigTest ? "" : "WARNING - ";
            Context.Report(ConfigErrorKind.InvalidNumber, $"{warn}Virtual server group range '{text}' has extra characters at end '{digits[n..]}'");
            return !Context.Parser.Options.ConfigTest;
        }
        if (overflow || value > (v4 ? 255UL : 0xffffUL))
        {
            Context.Report(ConfigErrorKind.InvalidNumber, $"Virtual server group range '{text}' end '{digits}' too large");
            return false;
        }
        return true;
    }

    /// <summary>The last address of ADDR/MASK; false when ADDR has host bits set.</summary>
    private static bool HostBitsClear(byte[] address, int maskBits, out byte[] end)
    {
        end = (byte[])address.Clone();
        var clear = true;
        for (var bit = maskBits; bit < address.Length * 8; bit++)
        {
            var b = bit / 8;
            var m = (byte)(0x80 >> (bit % 8));
            if ((address[b] & m) != 0) clear = false;
            end[b] |= m;
        }
        return clear;
    }

    private static int Compare(byte[] a, byte[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return 0;
    }
}
