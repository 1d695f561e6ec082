using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Diagnostics;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Scripts;
using Akka.Actor;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Vrrp;
using Keepalived.Actors.Check;
using Keepalived.Actors.Watchdog;
using Serilog;
using Serilog.Events;

namespace Keepalived.Host;

/// <summary>
/// keepalived-net's entry point: keepalived's flags, logging, the actor system with the
/// watchdog, and a clean stop on SIGTERM/SIGINT: VRRP instances first send priority 0 and remove
/// their addresses, then the tree stops.
/// </summary>
public static class ServiceHost
{
    /// <summary>How long the VRRP goodbye (priority-0 adverts, VIPs removed, notify_stop) may take.</summary>
    /// <summary>How long the subsystems have to say goodbye: omega scripts take up to a second each, per virtual server.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Linux's SIGUSR2 (PosixSignal names only the portable signals; raw numbers are allowed).</summary>
    private const int SigUsr2 = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        // The plain command line of a unit file or a script is read without building the full
        // parser, a good part of the time from exec to the first advert.
        if (Arguments.TryReadPlain(args) is { } plain)
            return await RunAsync(plain, CancellationToken.None);
        return await ParseFullAsync(args);
    }

    /// <summary>
    /// Anything else goes to System.CommandLine. A method of its own, so that its types (and the
    /// assembly) are only loaded when it runs, not when the plain path's method is prepared.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> ParseFullAsync(string[] args) =>
        // SIGTERM and SIGINT are ours: they start the VRRP goodbye, which must not be cut short
        CommandLineOptions.CreateRootCommand(RunAsync).Parse(args)
            .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    private static Task<int> RunAsync(Arguments args, CancellationToken token)
    {
        if (args.Has(Flags.Version))
        {
            Console.WriteLine($"keepalived-net {typeof(ServiceHost).Assembly.GetName().Version}");
            return Task.FromResult(0);
        }
        var parserOptions = new ConfigParserOptions { ConfigTest = args.Has(Flags.ConfigTest) };
        if (args.Value(Flags.ConfigId) is { } id) parserOptions = parserOptions with { ConfigId = id };
        if (args.Has(Flags.ConfigTest))
            return Task.FromResult(ConfigTestCommand.Run(args.ConfigFile, args.Value(Flags.Hocon), parserOptions, args.Has(Flags.DumpConf)));
        var vrrpOnly = args.Has(Flags.Vrrp);
        var checkOnly = args.Has(Flags.Check);
        return RunServiceAsync(new ServiceOptions(args.ConfigFile, args.Value(Flags.Hocon), parserOptions,
            args.Has(Flags.LogDetail), args.Has(Flags.DumpConf),
            RunVrrp: vrrpOnly || !checkOnly, RunChecker: checkOnly || !vrrpOnly,
            ReleaseVips: !args.Has(Flags.DontReleaseVrrp),
            ReleaseIpvs: !args.Has(Flags.DontReleaseIpvs),
            PidFile: args.Value(Flags.PidFile) ?? PidFiles.DefaultParent,
            VrrpPidFile: args.Value(Flags.VrrpPidFile) ?? PidFiles.DefaultVrrp,
            CheckersPidFile: args.Value(Flags.CheckersPidFile) ?? PidFiles.DefaultCheckers), token);
    }

    private sealed record ServiceOptions(string ConfigFile, string? HoconFile, ConfigParserOptions Parser, bool Detail, bool Dump,
        bool RunVrrp, bool RunChecker, bool ReleaseVips, bool ReleaseIpvs, string PidFile, string VrrpPidFile, string CheckersPidFile);

    /// <summary>keepalived's KEEPALIVED_EXIT_CONFIG: a configuration it cannot run (the unit does not restart on it).</summary>
    public const int ConfigErrorExitCode = 2;

    private static async Task<int> RunServiceAsync(ServiceOptions options, CancellationToken token)
    {
        // keepalived.conf is parsed on this thread while the HOCON settings are read on another,
        // which then builds the logger: together they are the larger part of the time from exec
        // to the first advert. The settings' keepalived { } overrides are applied once both are
        // read; nothing waits for the logger (what is logged meanwhile is held, then handed over).
        // The start-up rehearsals run alongside (TakeoverRehearsal says why and when).
        TakeoverRehearsal.StartAkka();
        var loading = ServiceSettings.Load(options.ConfigFile, options.HoconFile, options.Detail,
            options.RunVrrp ? TakeoverRehearsal.LookUpInterfaces : null);
        var config = ReadConfiguration(options, () => ServiceSettings.OverridesOf(loading));
        ServiceSettings loaded;
        try
        {
            loaded = await loading;
        }
        catch (HoconException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ConfigTestExitCode.Fatal;
        }
        var settings = loaded.Settings;
        Log.Logger = loaded.Logger;
        try
        {
            Akka.Configuration.Config? akkaSection;
            try
            {
                akkaSection = ActorSystemConfig.OperatorSection(settings);
            }
            catch (Akka.Configuration.ConfigurationException ex)
            {
                Log.Fatal("keepalived.hocon: {Error}", ex.Message);
                return ConfigTestExitCode.Fatal;
            }
            using var pidFiles = new PidFiles();
            using var gcPauses = new GcPauseWatch();
            // VRRP's event loop: one thread in epoll_wait for the timers (a timerfd: the ActorSystem's
            // scheduler), the VRRP sockets and the VRRP actors' turns (their dispatcher), so an
            // expiry or an advert is handled in one wake-up
            var scheduling = VrrpThreadScheduling.From(config?.Config.Global.Vrrp,
                settings.GetInt("keepalived-net.vrrp.realtime-priority", VrrpThreadScheduling.DefaultRealtimePriority));
            using var system = ActorSystem.Create("keepalived",
                ActorSystemConfig.Service(scheduling, Log.IsEnabled(LogEventLevel.Debug), akkaSection));
            var stop = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stopping(stop));
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stopping(stop));
            pidFiles.Write(options.PidFile);
            LogConfiguration(options, config);
            // keepalived 2.2.7's VRRP process stops with its permanent CONFIG error when an
            // interface named in the configuration does not exist (without dynamic_interfaces), and
            // the parent terminates with it: nothing runs half a sync group
            if (options.RunVrrp && config is { Config.Global.NonExistentInterfaceSpecified: true })
            {
                Log.Error("Non-existent interface specified in configuration: not starting (keepalived's permanent CONFIG error, exit {Code})", ConfigErrorExitCode);
                return ConfigErrorExitCode;
            }
            var watchdog = system.ActorOf(WatchdogActor.Props(), "watchdog");
            using var usr2 = PosixSignalRegistration.Create((PosixSignal)SigUsr2, ctx =>
            {
                ctx.Cancel = true;
                _ = StatsDump.WriteAsync(watchdog);
                gcPauses.LogStatistics();
            });
            // SIGHUP's default action ends the process; until reload exists (issue 17) it is refused, loudly
            using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
            {
                ctx.Cancel = true;
                Log.Warning("Received SIGHUP: reloading is not supported yet; the running configuration is unchanged");
            });
            if (config is not null)
                watchdog.Tell(new WatchdogActor.Start(config.Config, options.RunVrrp, options.RunChecker,
                    settings.GetBoolean("keepalived-net.vrrp.spread-adverts", true),
                    new CheckerManagerActor.Settings(CheckOptions.From(settings))));
            TakeoverRehearsal.StartTakeoverCode();
            // single process: the "child" pid files name this process, written when that part runs
            if (options.RunVrrp) pidFiles.Write(options.VrrpPidFile);
            if (options.RunChecker) pidFiles.Write(options.CheckersPidFile);
            Log.Information("keepalived-net started (pid {Pid})", Environment.ProcessId);
            using var settled = new CancellationTokenSource();
            var settling = HeapSettling.AfterStartAsync(gcPauses.Start, settled.Token);

            await stop.Task.WaitAsync(token);
            // VRRP first says goodbye (priority 0, VIPs removed), then the tree stops; the goodbye
            // is asked for before anything else, since the backups wait for its advert (the
            // signal was logged by its handler, meanwhile)
            var goodbye = watchdog.Ask<WatchdogActor.Stopped>(new WatchdogActor.Shutdown(options.ReleaseVips, options.ReleaseIpvs), ShutdownTimeout);
            await settled.CancelAsync();
            await settling;
            try
            {
                await goodbye;
            }
            catch (TimeoutException)
            {
                Log.Warning("Shutdown took longer than {Timeout}; stopping anyway", ShutdownTimeout);
            }
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
            gcPauses.LogStatistics();
            Log.Information("Stopped cleanly");
            return 0;
        }
        catch (Exception ex)
        {
            Log.Fatal(ex, "keepalived-net failed");
            return 1;
        }
        finally
        {
            // the real logger, once built, flushes what it still holds
            await (await loaded.Real).DisposeAsync();
        }
    }

    /// <summary>Reads keepalived.conf as keepalived does at start: problems are logged, not fatal (null if there is no file).</summary>
    private static ConfigLoadResult? ReadConfiguration(ServiceOptions options, Func<Actors.Config.Hocon.HoconConfig?> overrides) =>
        File.Exists(options.ConfigFile)
            ? KeepalivedConfigLoader.Load(options.ConfigFile,
                new ConfigLoadOptions { Parser = options.Parser, Scripts = LocalScriptHost.Instance, OverridesAfterParse = overrides })
            : null;

    /// <summary>What reading keepalived.conf found, in the order found (the settings are read while the file is).</summary>
    private static void LogConfiguration(ServiceOptions options, ConfigLoadResult? result)
    {
        if (result is null)
        {
            Log.Warning("Configuration file {File} does not exist", options.ConfigFile);
            return;
        }
        foreach (var d in result.Diagnostics.All)
            Log.Write(d.Kind == ConfigErrorKind.Ok ? LogEventLevel.Information : LogEventLevel.Warning, "{Diagnostic}", d.ToString());
        Log.Information("Configuration {File} read: status {Status}, {Count} diagnostic(s), {Overrides} override(s)",
            options.ConfigFile, result.Diagnostics.Status, result.Diagnostics.All.Count, result.Config.Overrides.Count);
        if (options.Dump) Console.Out.Write(result.Dump());
    }

    private static Action<PosixSignalContext> Stopping(TaskCompletionSource<PosixSignal> stop) => ctx =>
    {
        ctx.Cancel = true;
        // the stop goes on on another thread (continuations run asynchronously); this logs beside it
        if (stop.TrySetResult(ctx.Signal)) Log.Information("Received {Signal}, stopping", ctx.Signal);
    };
}
