using Akka.Actor;
using Akka.Configuration;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using IpvsKernelCheck;
using static IpvsKernelCheck.Checks;

// Runs inside ../shared/ipvs-vm (tests/interop/ipvs-kernel.sh): one PASS/FAIL line per scenario.
if (args.Length == 1 && args[0] == WithoutCapability.Flag)
    return WithoutCapability.Run();
var checks = new Checks();
const string RmmodIpvs = "for m in ip_vs_mh ip_vs_ovf ip_vs_fo ip_vs_lblcr ip_vs_lblc ip_vs_nq ip_vs_sed ip_vs_dh ip_vs_sh ip_vs_wlc ip_vs_lc ip_vs_wrr ip_vs_rr ip_vs; do rmmod $m 2>/dev/null; done; ! grep -q '^ip_vs ' /proc/modules";

checks.Run("family lookup: ENOENT without ip_vs (autoload blocked), modprobe ip_vs, lookup succeeds", () =>
{
    var modprobe = File.ReadAllText("/proc/sys/kernel/modprobe").Trim();
    try
    {
        // nlctrl itself asks for the module (request_module "net-pf-16-proto-16-family-IPVS"): block that
        File.WriteAllText("/proc/sys/kernel/modprobe", "/bin/false");
        var (code, output) = Shell.Run(RmmodIpvs);
        That(code == 0, "rmmod: " + output);
        using var missing = new IpvsNetlink();
        try
        {
            missing.Open();
            throw new CheckFailed($"IPVS family {missing.Family} found after rmmod ip_vs");
        }
        catch (ErrnoException e)
        {
            Console.WriteLine($"# CTRL_CMD_GETFAMILY IPVS without ip_vs: {e.Errno}");
            That(e.Errno == Errno.ENOENT, e.Message);
        }
        That(!missing.LoadModule(), "modprobe ip_vs succeeded with /bin/false as the kernel's modprobe");
        File.WriteAllText("/proc/sys/kernel/modprobe", modprobe);
        That(missing.LoadModule(), "modprobe ip_vs failed");
        That(Shell.Out("lsmod").Contains("ip_vs "), "ip_vs not in lsmod after modprobe");
        missing.Open();
        That(missing.Family != 0, "no family id");
        Console.WriteLine($"# IPVS family id {missing.Family}");
    }
    finally
    {
        File.WriteAllText("/proc/sys/kernel/modprobe", modprobe);
    }
});

checks.Run("family lookup autoloads ip_vs when the kernel may run modprobe", () =>
{
    var (code, output) = Shell.Run(RmmodIpvs);
    That(code == 0, "rmmod: " + output);
    using var kernel = new IpvsNetlink();
    kernel.Open();
    That(Shell.Out("lsmod").Contains("ip_vs "), "ip_vs not loaded");
});

using (var kernel = new IpvsNetlink())
{
    kernel.Open();
    new KernelScenarios(kernel).Run(checks);
}

WithoutCapability.Check(checks);

var system = ActorSystem.Create("ipvs-check", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.log-dead-letters = off"));
try
{
    new ActorScenarios(system).Run(checks);
}
finally
{
    system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
Console.WriteLine($"# {checks.Passed} passed, {checks.Failed} failed");
return checks.Failed == 0 ? 0 : 1;
