using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Vrrp;

namespace Keepalived.Tests.Kernel;

/// <summary>
/// keepalived 2.2.7 runs as MASTER in namespace A; its first advert and its gratuitous ARP /
/// unsolicited NA are captured in B. Then our code sends the same message and the same VIP
/// announcement, and the frames must be identical, except what the kernel picks per packet
/// (IPv4 identification and header checksum, IPv6 flow label).
/// </summary>
public sealed partial class KeepalivedConformanceTests(ITestOutputHelper output)
{
    [RootTheory(Tool = "keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Our_frames_match_keepalived_s(bool ipv6)
    {
        using var link = VethLink.Create();
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));
        string vip = ipv6 ? "fd00:199::100" : "10.199.0.100";
        string dir = Directory.CreateTempSubdirectory("kconf").FullName;
        var log = new StringBuilder();
        byte[]? advert = null, announcement = null;
        try
        {
            File.WriteAllText(Path.Combine(dir, "keepalived.conf"), Config(vip));
            using (Process keepalived = StartKeepalived(link.A, dir, log))
            {
                try
                {
                    while (advert is null || announcement is null)
                    {
                        byte[] f = await capture.NextAsync(f => IsAdvert(f, ipv6) || IsAnnouncement(f, ipv6));
                        if (IsAdvert(f, ipv6))
                            advert ??= f;
                        else
                            announcement ??= f;
                    }
                }
                finally
                {
                    Stop(keepalived);
                }
            }
            // the priority 0 advert keepalived sends when it stops is its last frame
            await capture.NextAsync(f => IsAdvert(f, ipv6) && f[VrrpOffset(ipv6) + 2] == 0);
        }
        finally
        {
            output.WriteLine(log.ToString());
            Directory.Delete(dir, recursive: true);
        }

        // the same message from the same source, through VrrpSocket
        int vrrp = VrrpOffset(ipv6);
        IPAddress source = new(advert.AsSpan(ipv6 ? 22 : 26, ipv6 ? 16 : 4));
        IPAddress destination = new(advert.AsSpan(ipv6 ? 38 : 30, ipv6 ? 16 : 4));
        using (var socket = link.A.Run(() => new VrrpSocket(VrrpSocketTests.Options(VethLink.AInterface, ipv6, false, null, null))))
            socket.Send(advert.AsSpan(vrrp), source, destination);
        byte[] ours = await capture.NextAsync(f => IsAdvert(f, ipv6));
        Assert.Equal(Comparable(advert, ipv6), Comparable(ours, ipv6));

        // the same VIP announcement, with the MAC keepalived used
        byte[] mac = announcement.AsSpan(6, 6).ToArray();
        int ifIndex = link.A.Run(() => KernelSocket.InterfaceIndex(VethLink.AInterface));
        if (ipv6)
        {
            using var na = link.A.Run(() => new UnsolicitedNaSender());
            na.Send(ifIndex, mac, IPAddress.Parse(vip), router: (announcement[58] & 0x80) != 0);
        }
        else
        {
            using var garp = link.A.Run(() => new GarpSender());
            garp.Send(ifIndex, mac, IPAddress.Parse(vip));
        }
        Assert.Equal(announcement, await capture.NextAsync(f => IsAnnouncement(f, ipv6)));
    }

    private static string Config(string vip) => $$"""
        global_defs {
            vrrp_version 3
            vrrp_garp_master_delay 0
            vrrp_garp_master_repeat 1
        }
        vrrp_instance VI {
            state MASTER
            interface {{VethLink.AInterface}}
            virtual_router_id 42
            priority 150
            advert_int 1
            virtual_ipaddress {
                {{vip}}
            }
        }
        """;

    private static Process StartKeepalived(NetNs ns, string dir, StringBuilder log)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["netns", "exec", ns.Name, RootOnly.FindOnPath("keepalived")!, "-n", "-l", "-D", "-P",
                     "-f", Path.Combine(dir, "keepalived.conf"), "-p", Path.Combine(dir, "k.pid"), "-r", Path.Combine(dir, "v.pid")])
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, so keepalived leaves as it does in production (priority 0 advert); SIGKILL if it lingers.</summary>
    private static void Stop(Process keepalived)
    {
        const int SIGTERM = 15;
        if (!keepalived.HasExited)
            _ = Kill(keepalived.Id, SIGTERM);
        if (!keepalived.WaitForExit(TimeSpan.FromSeconds(10)))
            keepalived.Kill(entireProcessTree: true);
    }

    private static int VrrpOffset(bool ipv6) => 14 + (ipv6 ? 40 : 20);

    private static bool IsAdvert(byte[] f, bool ipv6) => ipv6
        ? PacketCapture.EtherType(f) == 0x86dd && f[20] == 112
        : PacketCapture.EtherType(f) == 0x0800 && f[23] == 112;

    private static bool IsAnnouncement(byte[] f, bool ipv6) => ipv6
        ? PacketCapture.EtherType(f) == 0x86dd && f[20] == 58 && f.Length > 54 && f[54] == 136
        : PacketCapture.EtherType(f) == 0x0806;

    /// <summary>The frame without what the kernel chooses per packet.</summary>
    private static byte[] Comparable(byte[] frame, bool ipv6)
    {
        byte[] copy = (byte[])frame.Clone();
        if (ipv6)
        {
            copy[15] &= 0xf0;      // flow label
            copy[16] = copy[17] = 0;
        }
        else
        {
            copy[18] = copy[19] = 0; // identification
            copy[24] = copy[25] = 0; // header checksum
        }
        return copy;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
