using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using static IpvsKernelCheck.Checks;

namespace IpvsKernelCheck;

/// <summary>The codec and <see cref="IpvsNetlink"/> straight against the kernel, checked with ipvsadm.</summary>
internal sealed class KernelScenarios(IpvsNetlink kernel)
{
    public static readonly IPAddress Vip = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress Vip6 = IPAddress.Parse("2001:db8::1");

    public static IpvsService Tcp(string address, ushort port, string scheduler = "wrr") =>
        IpvsService.ForAddress(IpvsProtocol.Tcp, IPAddress.Parse(address), port, scheduler);

    public static IpvsDestination Dest(string address, ushort port, IpvsForwardingMethod method = IpvsForwardingMethod.Masq, int weight = 1) =>
        new(IPAddress.Parse(address), port, method, weight);

    private void Ok(IpvsOperation operation)
    {
        var errno = kernel.Apply(operation);
        That(errno == Errno.None, $"{operation}: {errno}");
    }

    private void New(IpvsService s, params IpvsDestination[] dests)
    {
        Ok(IpvsOperation.ForService(IpvsCommand.NewService, s));
        foreach (var d in dests) Ok(IpvsOperation.ForDestination(IpvsCommand.NewDest, s, d));
    }

    public void Run(Checks checks)
    {
        var web = Tcp("10.0.0.1", 80);
        var a = Dest("10.0.0.2", 80, weight: 3);
        var b = Dest("10.0.0.3", 8080, weight: 1);

        checks.Run("ipv4 NEW_SERVICE + NEW_DEST masq wrr weights", () =>
        {
            Shell.Clear();
            New(web, a, b);
            Table("-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 3", "-a -t 10.0.0.1:80 -r 10.0.0.3:8080 -m -w 1");
        });
        checks.Run("SET_SERVICE scheduler", () =>
        {
            Ok(IpvsOperation.ForService(IpvsCommand.SetService, web with { Scheduler = "wlc" }));
            Table("-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 3", "-a -t 10.0.0.1:80 -r 10.0.0.3:8080 -m -w 1");
        });
        checks.Run("SET_DEST weight and forwarding", () =>
        {
            Ok(IpvsOperation.ForDestination(IpvsCommand.SetDest, web, a with { Weight = 0 }));
            Ok(IpvsOperation.ForDestination(IpvsCommand.SetDest, web, b with { ForwardingMethod = IpvsForwardingMethod.Route, Weight = 5 }));
            Table("-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 0", "-a -t 10.0.0.1:80 -r 10.0.0.3:8080 -g -w 5");
        });
        checks.Run("DEL_DEST then DEL_SERVICE", () =>
        {
            Ok(IpvsOperation.ForDestination(IpvsCommand.DelDest, web, a));
            Table("-A -t 10.0.0.1:80 -s wlc", "-a -t 10.0.0.1:80 -r 10.0.0.3:8080 -g -w 5");
            Ok(IpvsOperation.ForService(IpvsCommand.DelService, web));
            Table();
        });
        checks.Run("ipv6 service and destinations (NEW/SET/DEL)", () =>
        {
            Shell.Clear();
            var s = Tcp("2001:db8::1", 443, "rr");
            var d = Dest("2001:db8::2", 443, weight: 2);
            New(s, d, Dest("2001:db8::3", 443, IpvsForwardingMethod.Route));
            Ok(IpvsOperation.ForDestination(IpvsCommand.SetDest, s, d with { Weight = 7 }));
            Table("-A -t [2001:db8::1]:443 -s rr", "-a -t [2001:db8::1]:443 -r [2001:db8::2]:443 -m -w 7",
                "-a -t [2001:db8::1]:443 -r [2001:db8::3]:443 -g -w 1");
            Ok(IpvsOperation.ForDestination(IpvsCommand.DelDest, s, d));
            Ok(IpvsOperation.ForService(IpvsCommand.DelService, s));
            Table();
        });
        checks.Run("tunnel destinations ipip, gue (tun_port, csum), gre (nocsum)", () =>
        {
            Shell.Clear();
            var t = IpvsForwardingMethod.Tunnel;
            New(web,
                Dest("10.0.0.5", 80, t),
                Dest("10.0.0.3", 80, t) with { TunnelType = IpvsTunnelType.Gue, TunnelPort = 6080, TunnelFlags = IpvsTunnelFlags.Checksum },
                Dest("10.0.0.4", 80, t) with { TunnelType = IpvsTunnelType.Gre, TunnelFlags = IpvsTunnelFlags.NoChecksum });
            Table("-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.0.5:80 -i -w 1 --tun-type ipip",
                "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
                "-a -t 10.0.0.1:80 -r 10.0.0.4:80 -i -w 1 --tun-type gre --tun-nocsum");
            Ok(IpvsOperation.ForDestination(IpvsCommand.SetDest, web,
                Dest("10.0.0.3", 80, t) with { TunnelType = IpvsTunnelType.Gue, TunnelPort = 7080, TunnelFlags = IpvsTunnelFlags.RemoteChecksum }));
            That(Shell.Saved().Contains("-a -t 10.0.0.1:80 -r 10.0.0.3:80 -i -w 1 --tun-type gue --tun-port 7080 --tun-remcsum"),
                "SET_DEST of the gue tunnel not seen: " + string.Join(" | ", Shell.Saved()));
        });
        checks.Run("persistence: IPv4 mask, IPv6 prefix, persistence timeout", () =>
        {
            Shell.Clear();
            New(web with { Flags = ServiceFlags.Persistent, Timeout = 300, Netmask = 0xFFFFFF00 });
            New(Tcp("2001:db8::1", 443, "rr") with { Flags = ServiceFlags.Persistent, Timeout = 60, Netmask = 64 });
            Table("-A -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0", "-A -t [2001:db8::1]:443 -s rr -p 60 -M 64");
        });
        checks.Run("fwmark services IPv4 (DR port 0) and IPv6 (sh-port flag), UDP one-packet", () =>
        {
            Shell.Clear();
            New(IpvsService.ForFwMark(AddressFamily.InterNetwork, 7, "rr"), Dest("10.0.0.9", 0, IpvsForwardingMethod.Route));
            New(IpvsService.ForFwMark(AddressFamily.InterNetworkV6, 8, "sh") with { Flags = ServiceFlags.Port });
            New(IpvsService.ForAddress(IpvsProtocol.Udp, Vip, 53, "rr") with { Flags = ServiceFlags.OnePacket });
            Table("-A -f 7 -s rr", "-a -f 7 -r 10.0.0.9:0 -g -w 1", "-A -f 8 -6 -s sh -b sh-port", "-A -u 10.0.0.1:53 -s rr -o");
        });
        checks.Run("thresholds (ipvsadm -Ln --thresholds)", () =>
        {
            Shell.Clear();
            New(web, a with { UpperThreshold = 100, LowerThreshold = 10 });
            var listed = Shell.Out("ipvsadm -Ln --thresholds");
            That(System.Text.RegularExpressions.Regex.IsMatch(listed, @"10\.0\.0\.2:80\s+100\s+10\s"), "thresholds not listed: " + listed);
        });
        checks.Run("dump reads back what was written", () =>
        {
            Shell.Clear();
            var written = new List<IpvsActor.DesiredService>
            {
                new(web with { Flags = ServiceFlags.Persistent, Timeout = 300, Netmask = 0xFFFFFF00 },
                    [a with { UpperThreshold = 100, LowerThreshold = 10 }, b,
                     Dest("10.0.0.3", 80, IpvsForwardingMethod.Tunnel) with { TunnelType = IpvsTunnelType.Gue, TunnelPort = 6080, TunnelFlags = IpvsTunnelFlags.Checksum },
                     Dest("10.0.0.4", 80, IpvsForwardingMethod.Tunnel) with { TunnelType = IpvsTunnelType.Gre }]),
                new(Tcp("2001:db8::1", 443, "rr") with { Flags = ServiceFlags.Persistent, Timeout = 60, Netmask = 64 }, [Dest("2001:db8::2", 443)]),
                new(IpvsService.ForFwMark(AddressFamily.InterNetwork, 7, "rr"), [Dest("10.0.0.9", 0, IpvsForwardingMethod.Route, 4)]),
                new(IpvsService.ForFwMark(AddressFamily.InterNetworkV6, 8, "sh") with { Flags = ServiceFlags.Port | ServiceFlags.Fallback }, []),
                new(IpvsService.ForAddress(IpvsProtocol.Sctp, Vip, 5000, "lc"), [Dest("10.0.0.2", 5000)]),
            };
            foreach (var s in written) New(s.Service, [.. s.Destinations]);
            var plan = IpvsPlan.Create(written, kernel.Dump(), written);
            That(plan.Operations.Count == 0, "dump differs from what was written: " + string.Join(" | ", plan.Operations));
            var dumped = kernel.Dump();
            foreach (var s in written)
            {
                var k = dumped.SingleOrDefault(x => IpvsServiceKey.Of(x.Service) == IpvsServiceKey.Of(s.Service));
                That(k is not null && k.Service == s.Service, $"service {IpvsServiceKey.Of(s.Service)} read back as {k?.Service}");
                That(k!.Destinations.Count == s.Destinations.Count, $"{IpvsServiceKey.Of(s.Service)}: {k.Destinations.Count} destinations read back");
            }
        });
        checks.Run("a read of some services: each one's GET_SERVICE and destinations, ESRCH for one the kernel lacks", () =>
        {
            Shell.Clear();
            var fwmark = IpvsService.ForFwMark(AddressFamily.InterNetwork, 7, "rr");
            New(web with { Flags = ServiceFlags.Persistent, Timeout = 300 }, a, b);
            New(fwmark, Dest("10.0.0.9", 0, IpvsForwardingMethod.Route, 4));
            New(Tcp("10.0.0.50", 8080), a);
            var read = kernel.Dump([fwmark with { Scheduler = "wlc" }, Tcp("10.0.0.77", 80), web]);
            That(read.Count == 2, $"{read.Count} services read, not 2");
            That(read.Count == 2 && read[0].Service == fwmark && read[0].Destinations.Count == 1, "the fwmark service read back as " + (read.Count > 0 ? read[0].Service : null));
            That(read.Count == 2 && read[1].Service.Timeout == 300 && read[1].Destinations.Count == 2, "the web service read back as " + (read.Count > 1 ? read[1].Service : null));
        });
        checks.Run("multipart dumps: 300 services with 40 destinations each read back whole", () =>
        {
            Shell.Clear();
            for (var i = 0; i < 300; i++)
            {
                var s = Tcp($"10.1.{i / 250}.{i % 250 + 1}", 80);
                New(s, [.. Enumerable.Range(1, 40).Select(j => Dest($"10.2.0.{j}", 80, weight: j))]);
            }
            var dumped = kernel.Dump();
            That(dumped.Count == 300, $"{dumped.Count} services read back");
            That(dumped.All(d => d.Destinations.Count == 40 && d.Destinations.Sum(x => x.Weight) == 820), "destinations missing in the dump");
            That(Shell.Saved().Count == 300 * 41, "ipvsadm -Sn disagrees");
            Shell.Clear();
        });
        checks.Run("errno: EEXIST on NEW twice, ESRCH for a missing service, ENOENT for a missing destination", () =>
        {
            Shell.Clear();
            New(web, a);
            var seen = new List<string>();
            void Expect(IpvsOperation operation, Errno errno)
            {
                var got = kernel.Apply(operation);
                seen.Add($"{IpvsOperation.Name(operation.Command)}={got}");
                That(got == errno, $"{operation}: {got}, expected {errno}");
            }
            Expect(IpvsOperation.ForService(IpvsCommand.NewService, web), Errno.EEXIST);
            Expect(IpvsOperation.ForDestination(IpvsCommand.NewDest, web, a), Errno.EEXIST);
            Expect(IpvsOperation.ForDestination(IpvsCommand.DelDest, web, b), Errno.ENOENT);
            Expect(IpvsOperation.ForDestination(IpvsCommand.SetDest, web, b), Errno.ENOENT);
            var missing = Tcp("10.0.0.1", 81);
            Expect(IpvsOperation.ForService(IpvsCommand.DelService, missing), Errno.ESRCH);
            Expect(IpvsOperation.ForService(IpvsCommand.SetService, missing), Errno.ESRCH);
            Expect(IpvsOperation.ForDestination(IpvsCommand.NewDest, missing, a), Errno.ESRCH);
            Expect(IpvsOperation.ForService(IpvsCommand.NewService, missing with { Scheduler = "nosuch" }), Errno.ENOENT);
            Console.WriteLine("# errnos: " + string.Join(" ", seen));
        });
        checks.Run("timeouts set and restored (ipvsadm -L --timeout)", () =>
        {
            var original = kernel.GetTimeouts();
            That(kernel.SetTimeouts(new IpvsTimeouts(1000, 100, 200)) == Errno.None, "SET_CONFIG failed");
            var shown = Shell.Out("ipvsadm -L --timeout").Trim();
            That(shown == "Timeout (tcp tcpfin udp): 1000 100 200", shown);
            That(kernel.GetTimeouts() == new IpvsTimeouts(1000, 100, 200), "GET_CONFIG does not read back the new values");
            That(kernel.SetTimeouts(original) == Errno.None, "restore failed");
            shown = Shell.Out("ipvsadm -L --timeout").Trim();
            That(shown == $"Timeout (tcp tcpfin udp): {original.Tcp} {original.TcpFin} {original.Udp}", shown);
        });
        checks.Run("sync daemon start and stop (ipvsadm -L --daemon)", () =>
        {
            var master = new IpvsSyncDaemon(IpvsSyncState.Master, "lo", 5);
            That(kernel.SyncDaemon(master, start: true) == Errno.None, "NEW_DAEMON failed");
            var shown = Shell.Out("ipvsadm -L --daemon");
            That(shown.Contains("master sync daemon (mcast=lo, syncid=5"), shown);
            var again = kernel.SyncDaemon(master, start: true);
            Console.WriteLine($"# NEW_DAEMON of a running daemon: {again}");
            var backup = new IpvsSyncDaemon(IpvsSyncState.Backup, "lo", 6, Port: 8850, Ttl: 2);
            That(kernel.SyncDaemon(backup, start: true) == Errno.None, "NEW_DAEMON backup failed");
            shown = Shell.Out("ipvsadm -L --daemon");
            That(shown.Contains("backup sync daemon (mcast=lo, syncid=6") && shown.Contains("port=8850"), shown);
            That(kernel.SyncDaemon(master, start: false) == Errno.None, "DEL_DAEMON master failed");
            That(kernel.SyncDaemon(backup, start: false) == Errno.None, "DEL_DAEMON backup failed");
            shown = Shell.Out("ipvsadm -L --daemon").Trim();
            That(shown.Length == 0, "daemons left: " + shown);
            Console.WriteLine($"# DEL_DAEMON of a stopped daemon: {kernel.SyncDaemon(master, start: false)}");
        });
        Shell.Clear();
    }
}
