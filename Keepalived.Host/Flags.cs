namespace Keepalived.Host;

/// <summary>
/// keepalived 2.2.7's command-line flags (<c>keepalived --help</c>), the one list that both
/// readers of the command line (<see cref="Arguments.TryReadPlain"/> and
/// <see cref="CommandLineOptions"/>) are built from. Flags that select processes keepalived
/// forks (<c>-n</c>, <c>-R</c>) are accepted and have nothing to do here: keepalived-net is one
/// process that stays in the foreground.
/// </summary>
public static class Flags
{
    public static readonly Flag UseFile = new("--use-file", "-f", true, "Use the specified configuration file (default: " + DefaultConfigFile + ")");
    public static readonly Flag Vrrp = new("--vrrp", "-P", false, "Only run with VRRP subsystem");
    public static readonly Flag Check = new("--check", "-C", false, "Only run with Health-checker subsystem");
    public static readonly Flag NoBfd = new("--no_bfd", "-B", false, "Don't run BFD subsystem (BFD is not implemented)");
    public static readonly Flag LogConsole = new("--log-console", "-l", false, "Log messages to local console");
    public static readonly Flag LogDetail = new("--log-detail", "-D", false, "Detailed log messages");
    public static readonly Flag LogFacility = new("--log-facility", "-S", true, "Syslog facility (accepted; keepalived-net logs to the console and files)");
    public static readonly Flag NoSyslog = new("--no-syslog", "-G", false, "Don't log via syslog");
    public static readonly Flag ReleaseVips = new("--release-vips", "-X", false, "Drop VIP on transition from signal");
    public static readonly Flag DontReleaseVrrp = new("--dont-release-vrrp", "-V", false, "Don't remove VRRP VIPs and VROUTEs on daemon stop");
    public static readonly Flag DontReleaseIpvs = new("--dont-release-ipvs", "-I", false, "Don't remove IPVS topology on daemon stop");
    public static readonly Flag DontRespawn = new("--dont-respawn", "-R", false, "Don't respawn child processes (one process here)");
    public static readonly Flag DontFork = new("--dont-fork", "-n", false, "Don't fork the daemon process (always the case)");
    public static readonly Flag DumpConf = new("--dump-conf", "-d", false, "Dump the effective configuration (normalized, with overrides)");
    public static readonly Flag PidFile = new("--pid", "-p", true, "Use specified pidfile for parent process");
    public static readonly Flag VrrpPidFile = new("--vrrp_pid", "-r", true, "Use specified pidfile for VRRP child process (this process's pid)");
    public static readonly Flag CheckersPidFile = new("--checkers_pid", "-c", true, "Use specified pidfile for checkers child process (this process's pid)");
    public static readonly Flag AddressMonitoring = new("--address-monitoring", "-a", false, "Report all address additions/deletions notified via netlink");
    public static readonly Flag ConfigId = new("--config-id", "-i", true, "Skip any configuration lines beginning '@' that don't match id, or any lines beginning @^ that do match");
    public static readonly Flag ConfigTest = new("--config-test", "-t", false, "Check the configuration for obvious errors and exit (0 valid, 4 fatal, 5 errors, 6 script security)");
    public static readonly Flag Version = new("--version", "-v", false, "Display the version number");
    public static readonly Flag Hocon = new("--hocon", null, true, "HOCON settings and overrides (default: keepalived.hocon beside the configuration file, if present)");

    public static readonly IReadOnlyList<Flag> All =
    [
        UseFile, Vrrp, Check, NoBfd, LogConsole, LogDetail, LogFacility, NoSyslog, ReleaseVips, DontReleaseVrrp, DontReleaseIpvs,
        DontRespawn, DontFork, DumpConf, PidFile, VrrpPidFile, CheckersPidFile, AddressMonitoring, ConfigId,
        ConfigTest, Version, Hocon,
    ];

    public const string DefaultConfigFile = "/etc/keepalived/keepalived.conf";
}
