using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The notification, gratuitous ARP, VMAC/IPVLAN and LVS keywords of vrrp_instance.</summary>
internal sealed partial class VrrpInstanceKeywords
{
    private const uint MaxTimerSeconds = uint.MaxValue / 1_000_000;

    private void InstallNotify()
    {
        NotifyKeywords.Install(Table, NotifyKeywords.Common.Append("notify_master_rx_lower_pri"), state,
            () => Vrrp.Notify, () => $"({Name})", () => $"vrrp_instance {Name}");
        Table
            .Add("notify_deleted", NotifyDeleted)
            .Add("smtp_alert", t =>
            {
                if (OptionalBool(t, $"Invalid vrrp_instance smtp_alert parameter {t.Optional(1)}") is { } on) Vrrp.SmtpAlert = on;
            })
            .Add("notify_priority_changes", t =>
            {
                if (OptionalBool(t, $"({Name}) Invalid value '{t.Optional(1)}' for notify_priority_changes specified") is { } on)
                    Vrrp.NotifyPriorityChanges = on;
            })
            .Add("lvs_sync_daemon_interface", LvsSyncDaemonInterface);
    }

    private void InstallGarp()
    {
        Table
            .Add("garp_master_delay", t => Seconds(t, "garp_master_delay", v => Vrrp.GarpMasterDelay = v))
            .Add("garp_master_refresh", GarpMasterRefresh)
            .Add("garp_master_repeat", t => Repeat(t, "garp_master_repeat", v => Vrrp.GarpMasterRepeat = v))
            .Add("garp_master_refresh_repeat", t => Repeat(t, "garp_master_refresh_repeat", v => Vrrp.GarpMasterRefreshRepeat = v))
            .Add("garp_lower_prio_delay", t => Seconds(t, "garp_lower_prio_delay", v => Vrrp.GarpLowerPrioDelay = v))
            .Add("garp_lower_prio_repeat", t =>
            {
                if (state.Values.ReadUnsigned(t[1], out var n, 0, int.MaxValue, true)) Vrrp.GarpLowerPrioRepeat = n;
                else state.Error($"({Name}): Invalid garp_lower_prio_repeat '{t[1]}'");
            })
            .Add("down_timer_adverts", t =>
            {
                if (state.Values.ReadUnsigned(t[1], out var n, 1, 100, true)) Vrrp.DownTimerAdverts = n;
                else state.Error($"({Name}): Invalid down_timer_adverts [1:100] '{t[1]}'");
            })
            .Add("garp_extra_if", GarpExtraIf)
            .Add("vmac_garp_intvl", GarpExtraIf)
            .Add("lower_prio_no_advert", t =>
                Vrrp.LowerPrioNoAdvert = OptionalBool(t, $"({Name}) invalid lower_prio_no_advert {t.Optional(1)} specified") ?? Vrrp.LowerPrioNoAdvert)
            .Add("higher_prio_send_advert", t =>
                Vrrp.HigherPrioSendAdvert = OptionalBool(t, $"({Name}) invalid higher_prio_send_advert {t.Optional(1)} specified") ?? Vrrp.HigherPrioSendAdvert)
            .Add("kernel_rx_buf_size", t =>
            {
                if (t.Count == 2 && state.Values.ReadUnsigned(t[1], out var size, 0, uint.MaxValue)) Vrrp.KernelRxBufSize = size;
                else state.Error($"({Name}) invalid kernel_rx_buf_size specified");
            });
    }

    private void NotifyDeleted(Tokens t)
    {
        if (Vrrp.NotifyDeleted)
        {
            state.Error($"({Name}) notify_deleted already specified - ignoring {t.Optional(1) ?? ""}");
            return;
        }
        if (t.Count > 1) Vrrp.Notify.Set("notify_deleted", state.Scripts.ReadNotify(t, $"notify_deleted vrrp_instance {Name}"));
        Vrrp.NotifyDeleted = true;
    }

    private void LvsSyncDaemonInterface(Tokens t)
    {
        state.Error($"({Name}) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
        state.Error($"      {new string(' ', Math.Abs(Name.Length - 2))}Please use global lvs_sync_daemon");
        var current = state.Config.LvsSyncDaemon?.Interface ?? state.Globals().LvsSyncDaemonInterface;
        if (current is not null)
        {
            state.Error($"({Name}) lvs_sync_daemon_interface has already been specified as {current} - ignoring");
            return;
        }
        state.Config.LvsSyncDaemon = (t[1], Name);
    }

    /// <summary>garp_master_delay / garp_lower_prio_delay: whole seconds.</summary>
    private void Seconds(Tokens t, string keyword, Action<TimeSpan> set)
    {
        if (state.Values.ReadUnsigned(t[1], out var seconds, 0, MaxTimerSeconds, true)) set(TimeSpan.FromSeconds(seconds));
        else state.Error($"({Name}): {keyword} '{t[1]}' invalid - ignoring");
    }

    private void GarpMasterRefresh(Tokens t)
    {
        if (state.Values.ReadUnsigned(t[1], out var seconds, 0, uint.MaxValue, true))
            Vrrp.GarpMasterRefresh = TimeSpan.FromSeconds(seconds);
        else
        {
            state.Error($"({Name}): Invalid garp_master_refresh '{t[1]}' - ignoring");
            Vrrp.GarpMasterRefresh = TimeSpan.Zero;
        }
    }

    /// <summary>garp_master_repeat / garp_master_refresh_repeat: 0 is taken as 1 (older keepalived allowed it).</summary>
    private void Repeat(Tokens t, string keyword, Action<uint> set)
    {
        if (!state.Values.ReadUnsigned(t[1], out var repeats, 0, uint.MaxValue, true))
        {
            state.Error($"({Name}): {keyword} '{t[1]}' invalid - ignoring");
            return;
        }
        if (repeats == 0)
        {
            state.Error($"({Name}): {keyword} must be greater than 0, setting to 1");
            repeats = 1;
        }
        set(repeats);
    }

    private void GarpExtraIf(Tokens t)
    {
        var keyword = t[0];
        if (keyword == "vmac_garp_intvl")
            state.Context.Report(ConfigErrorKind.Deprecated, "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");
        uint? delay = null;
        for (var i = 1; i < t.Count; i++)
        {
            if (t[i] == "all") Vrrp.GarpExtraInterfaceAll = true;
            else if (state.Values.ReadUnsigned(t[i], out var seconds, 0, 86400, true)) delay = seconds;
            else
            {
                state.Error($"({Name}): {keyword} '{t[i]}' invalid - ignoring");
                return;
            }
        }
        if (delay is null)
        {
            state.Error($"({Name}): {keyword} specified without time - ignoring");
            return;
        }
        Vrrp.GarpExtraInterfaceInterval = TimeSpan.FromSeconds(delay.Value);
    }

    private void UseVmac(Tokens t)
    {
        Vrrp.UseVmac = true;
        for (var i = 1; i < t.Count && i <= 2; i++)
        {
            var word = t[i];
            if (word.Contains(':')) VmacAddress(word);
            else VmacName(word, "VMAC interface name already specified",
                $"VMAC interface name '{word}' too long or invalid characters - ignoring", "is not a private macvlan; ignoring vmac if_name");
        }
    }

    private void VmacAddress(string word)
    {
        if (Vrrp.VmacMacAddress is not null)
        {
            state.Error("VMAC interface address already specified");
            return;
        }
        if (word.Any(c => !Uri.IsHexDigit(c) && c != ':'))
        {
            state.Error($"VMAC invalid MAC address {word}");
            return;
        }
        var octets = word.TrimEnd(':').Split(':');
        var valid = octets.Length is 5 or 6 && octets.All(o => o.Length is 1 or 2) && (octets.Length == 6 || word.Count(c => c == ':') <= 5);
        if (!valid)
        {
            state.Error($"VMAC invalid MAC address {word} - ignored");
            return;
        }
        var bytes = octets.Select(o => Convert.ToByte(o, 16)).ToArray();
        if ((bytes[0] & 1) != 0)
            state.Error($"VMAC MAC address is multicast {word} - ignoring");
        else if (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0x5e && bytes[3] == 0 && bytes[4] is 1 or 2)
            state.Error($"VMAC MAC address not allowed to be RFC5798 address ({word}) - ignoring");
        else
            Vrrp.VmacMacAddress = word;
    }

    /// <summary>The interface name of use_vmac / use_ipvlan (the kernel's dev_name_valid rules).</summary>
    private void VmacName(string name, string already, string invalid, string existsSuffix)
    {
        if (Vrrp.VmacInterfaceName is not null)
        {
            state.Error(already);
            return;
        }
        if (name.Length == 0 || name.Length >= IfNameSize || name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
        {
            state.Error(invalid);
            return;
        }
        if (state.Config.Instances.FirstOrDefault(o => o.VmacInterfaceName == name) is { } other)
        {
            state.Error($"({Name}) VRRP instance {other.Name} is already using {name} - ignoring name");
            return;
        }
        if (state.Context.Host.InterfaceExists(name))
        {
            state.Error($"({Name}) interface {name} already exists and {existsSuffix}");
            return;
        }
        Vrrp.VmacInterfaceName = name;
    }

    private void UseIpvlan(Tokens t)
    {
        if (Vrrp.UseIpvlan)
        {
            state.Error($"({Name}) use_ipvlan already specified");
            return;
        }
        Vrrp.UseIpvlan = true;
        for (var i = 1; i < t.Count; i++)
        {
            var word = t[i];
            if (word is "bridge" or "private" or "vepa")
            {
                if (Vrrp.IpvlanType is not null) state.Error($"({Name}) ipvlan type already specified - ignoring '{word}'");
                else Vrrp.IpvlanType = word;
            }
            else if (IpvlanAddress(word)) { }
            else if (Vrrp.VmacInterfaceName is not null)
                state.Error($"({Name}) IPVLAN interface already specified - ignoring '{word}'");
            else if (word.Length >= IfNameSize)
                state.Error($"({Name}) IPVLAN interface name '{word}' too long - ignoring");
            else
                VmacName(word, "", "", "is not an l2 ipvlan; ignoring ipvlan if_name");
        }
    }

    /// <summary>An ipvlan address word; false when the word is not an address.</summary>
    private bool IpvlanAddress(string word)
    {
        var slash = word.IndexOf('/');
        var host = slash < 0 ? word : word[..slash];
        if (!InetText.Pton(host, host.Contains(':'), out var address)) return false;
        if (Vrrp.IpvlanAddress is not null)
        {
            state.Error($"({Name}) ipvlan address already specified - ignoring '{word}'");
            return true;
        }
        if (Vrrp.Family == AddressFamily.Unspecified) Vrrp.Family = address.AddressFamily;
        else if (address.AddressFamily != Vrrp.Family)
        {
            state.Error($"({Name}) ipvlan address[{word}] MUST match vrrp instance family !!! Skipping...");
            return true;
        }
        Vrrp.IpvlanAddress = word;
        Vrrp.SourceAddress ??= address;
        return true;
    }
}
