using System.CommandLine;

namespace Keepalived.Host;

/// <summary>
/// keepalived 2.2.7's command-line flags (<c>keepalived --help</c>). Flags that select
/// processes keepalived forks (<c>-n</c>, <c>-R</c>) are accepted and have nothing to do here:
/// keepalived-net is one process that stays in the foreground.
/// </summary>
internal sealed class CommandLineOptions
{
    public Option<string> UseFile { get; } = new("--use-file", "-f")
    {
        Description = "Use the specified configuration file",
        DefaultValueFactory = _ => ConfigTestArguments.DefaultFile,
    };
    public Option<bool> Vrrp { get; } = new("--vrrp", "-P") { Description = "Only run with VRRP subsystem" };
    public Option<bool> Check { get; } = new("--check", "-C") { Description = "Only run with Health-checker subsystem" };
    public Option<bool> NoBfd { get; } = new("--no_bfd", "-B") { Description = "Don't run BFD subsystem (BFD is not implemented)" };
    public Option<bool> LogConsole { get; } = new("--log-console", "-l") { Description = "Log messages to local console" };
    public Option<bool> LogDetail { get; } = new("--log-detail", "-D") { Description = "Detailed log messages" };
    public Option<string?> LogFacility { get; } = new("--log-facility", "-S") { Description = "Syslog facility (accepted; keepalived-net logs to the console and files)" };
    public Option<bool> NoSyslog { get; } = new("--no-syslog", "-G") { Description = "Don't log via syslog" };
    public Option<bool> ReleaseVips { get; } = new("--release-vips", "-X") { Description = "Drop VIP on transition from signal" };
    public Option<bool> DontReleaseVrrp { get; } = new("--dont-release-vrrp", "-V") { Description = "Don't remove VRRP VIPs and VROUTEs on daemon stop" };
    public Option<bool> DontRespawn { get; } = new("--dont-respawn", "-R") { Description = "Don't respawn child processes (one process here)" };
    public Option<bool> DontFork { get; } = new("--dont-fork", "-n") { Description = "Don't fork the daemon process (always the case)" };
    public Option<bool> DumpConf { get; } = new("--dump-conf", "-d") { Description = "Dump the effective configuration (normalized, with overrides)" };
    public Option<string?> PidFile { get; } = new("--pid", "-p") { Description = "Use specified pidfile for parent process" };
    public Option<string?> VrrpPidFile { get; } = new("--vrrp_pid", "-r") { Description = "Use specified pidfile for VRRP child process (this process's pid)" };
    public Option<string?> CheckersPidFile { get; } = new("--checkers_pid", "-c") { Description = "Use specified pidfile for checkers child process (this process's pid)" };
    public Option<bool> AddressMonitoring { get; } = new("--address-monitoring", "-a") { Description = "Report all address additions/deletions notified via netlink" };
    public Option<string?> ConfigId { get; } = new("--config-id", "-i") { Description = "Skip any configuration lines beginning '@' that don't match id, or any lines beginning @^ that do match" };
    public Option<bool> ConfigTest { get; } = new("--config-test", "-t") { Description = "Check the configuration for obvious errors and exit (0 valid, 4 fatal, 5 errors, 6 script security)" };
    public Option<bool> Version { get; } = new("--version", "-v") { Description = "Display the version number" };
    public Option<string?> Hocon { get; } = new("--hocon") { Description = "HOCON settings and overrides (default: keepalived.hocon beside the configuration file, if present)" };

    public RootCommand CreateRootCommand()
    {
        var root = new RootCommand("keepalived-net: keepalived re-implemented as an actor-based HA runtime");
        // keepalived's -v/--version replaces System.CommandLine's own --version
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList()) root.Options.Remove(builtIn);
        foreach (var option in new Option[]
        {
            UseFile, Vrrp, Check, NoBfd, LogConsole, LogDetail, LogFacility, NoSyslog, ReleaseVips, DontReleaseVrrp,
            DontRespawn, DontFork, DumpConf, PidFile, VrrpPidFile, CheckersPidFile, AddressMonitoring, ConfigId,
            ConfigTest, Version, Hocon,
        })
            root.Options.Add(option);
        return root;
    }
}
