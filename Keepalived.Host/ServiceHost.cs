using System.CommandLine;
using System.Runtime.InteropServices;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Diagnostics;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Timers;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Vrrp;
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
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Linux's SIGUSR2 (PosixSignal names only the portable signals; raw numbers are allowed).</summary>
    private const int SigUsr2 = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        // A plain -t skips building the command-line parser (a good part of its start-up).
        if (ConfigTestArguments.TryParse(args, out var test))
            return ConfigTestCommand.Run(test!.File, test.HoconFile, test.Parser, test.Dump);
        // the takeover path's pure code is prepared on the second core while the flags, the
        // settings and keepalived.conf are read on this one
        VrrpWarmUp.Start();
        var o = new CommandLineOptions();
        var root = o.CreateRootCommand();
        root.SetAction((result, token) =>
        {
            if (result.GetValue(o.Version))
            {
                Console.WriteLine($"keepalived-net {typeof(ServiceHost).Assembly.GetName().Version}");
                return Task.FromResult(0);
            }
            var file = result.GetValue(o.UseFile)!;
            var parserOptions = new ConfigParserOptions { ConfigTest = result.GetValue(o.ConfigTest) };
            if (result.GetValue(o.ConfigId) is { } id) parserOptions = parserOptions with { ConfigId = id };
            if (result.GetValue(o.ConfigTest))
                return Task.FromResult(ConfigTestCommand.Run(file, result.GetValue(o.Hocon), parserOptions, result.GetValue(o.DumpConf)));
            var vrrpOnly = result.GetValue(o.Vrrp);
            var checkOnly = result.GetValue(o.Check);
            return RunServiceAsync(new ServiceOptions(file, result.GetValue(o.Hocon), parserOptions,
                result.GetValue(o.LogDetail), result.GetValue(o.DumpConf),
                RunVrrp: vrrpOnly || !checkOnly, RunChecker: checkOnly || !vrrpOnly,
                ReleaseVips: !result.GetValue(o.DontReleaseVrrp),
                PidFile: result.GetValue(o.PidFile) ?? PidFiles.DefaultParent,
                VrrpPidFile: result.GetValue(o.VrrpPidFile) ?? PidFiles.DefaultVrrp,
                CheckersPidFile: result.GetValue(o.CheckersPidFile) ?? PidFiles.DefaultCheckers), token);
        });
        // SIGTERM and SIGINT are ours: they start the VRRP goodbye, which must not be cut short
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private sealed record ServiceOptions(string ConfigFile, string? HoconFile, ConfigParserOptions Parser, bool Detail, bool Dump,
        bool RunVrrp, bool RunChecker, bool ReleaseVips, string PidFile, string VrrpPidFile, string CheckersPidFile);

    private static async Task<int> RunServiceAsync(ServiceOptions options, CancellationToken token)
    {
        Actors.Config.Hocon.Config settings;
        try
        {
            settings = HoconLayers.Load(new HoconLayerOptions { UserFile = options.HoconFile, KeepalivedConfPath = options.ConfigFile });
        }
        catch (HoconException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ConfigTestExitCode.Fatal;
        }
        Log.Logger = Logging.Create(settings, options.Detail);
        try
        {
            using var pidFiles = new PidFiles();
            using var gcPauses = new GcPauseMonitor();
            gcPauses.Paused += (pause, generation) =>
            {
                if (pause > gcPauses.Threshold) Log.Debug("GC pause of {Pause:F3} ms (generation {Generation})", pause.TotalMilliseconds, generation);
            };
            // VRRP's event loop: one thread in epoll_wait for the timers (a timerfd), the VRRP
            // sockets and the VRRP actors' turns, so an expiry or an advert is handled in one wake-up
            using var loop = new EpollEventLoop("vrrp", () => ThreadNice.Set(ThreadNice.Vrrp));
            using var time = new TimerFdTimeProvider(loop);
            using var system = ActorSystem.Create("keepalived", ActorSystemSettings.Default with { Logger = Log.Logger, TimeProvider = time });
            var stop = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stopping(stop));
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stopping(stop));
            pidFiles.Write(options.PidFile);
            var config = LoadConfiguration(options, settings);
            var watchdog = system.ActorOf(WatchdogActor.Props(), "watchdog");
            using var usr2 = PosixSignalRegistration.Create((PosixSignal)SigUsr2, ctx =>
            {
                ctx.Cancel = true;
                _ = StatsDump.WriteAsync(watchdog);
                LogRuntimeStatistics(gcPauses);
            });
            if (config is not null)
                watchdog.Tell(new WatchdogActor.Start(config.Config, options.RunVrrp, options.RunChecker, loop));
            // single process: the "child" pid files name this process, written when that part runs
            if (options.RunVrrp) pidFiles.Write(options.VrrpPidFile);
            if (options.RunChecker) pidFiles.Write(options.CheckersPidFile);
            Log.Information("keepalived-net started (pid {Pid})", Environment.ProcessId);
            using var settled = new CancellationTokenSource();
            var settling = HeapSettling.AfterStartAsync(settled.Token);

            var signal = await stop.Task.WaitAsync(token);
            Log.Information("Received {Signal}, stopping", signal);
            await settled.CancelAsync();
            await settling;
            // VRRP first says goodbye (priority 0, VIPs removed), then the tree stops
            try
            {
                await watchdog.Ask<WatchdogActor.Stopped>(new WatchdogActor.Shutdown(options.ReleaseVips), ShutdownTimeout);
            }
            catch (TimeoutException)
            {
                Log.Warning("Shutdown took longer than {Timeout}; stopping anyway", ShutdownTimeout);
            }
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
            LogRuntimeStatistics(gcPauses);
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
            await Log.CloseAndFlushAsync();
        }
    }

    /// <summary>Reads keepalived.conf as keepalived does at start: problems are logged, not fatal (null if there is no file).</summary>
    private static ConfigLoadResult? LoadConfiguration(ServiceOptions options, Actors.Config.Hocon.Config settings)
    {
        if (!File.Exists(options.ConfigFile))
        {
            Log.Warning("Configuration file {File} does not exist", options.ConfigFile);
            return null;
        }
        var result = KeepalivedConfigLoader.Load(options.ConfigFile, new ConfigLoadOptions
        {
            Parser = options.Parser,
            Overrides = settings,
            Sink = d => Log.Write(d.Kind == ConfigErrorKind.Ok ? LogEventLevel.Information : LogEventLevel.Warning, "{Diagnostic}", d.ToString()),
        });
        Log.Information("Configuration {File} read: status {Status}, {Count} diagnostic(s), {Overrides} override(s)",
            options.ConfigFile, result.Diagnostics.Status, result.Diagnostics.All.Count, result.Config.Overrides.Count);
        if (options.Dump) Console.Out.Write(result.Dump());
        return result;
    }

    /// <summary>Garbage collections and allocation since start: what can hold up a VRRP timer besides the kernel.</summary>
    private static void LogRuntimeStatistics(GcPauseMonitor gcPauses) =>
        Log.Information("Runtime: GC {Pauses}; collections gen0/1/2 {Gen0}/{Gen1}/{Gen2}; {Allocated:F1} MiB allocated since start",
            gcPauses.Current, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes() / 1048576.0);

    private static Action<PosixSignalContext> Stopping(TaskCompletionSource<PosixSignal> stop) => ctx =>
    {
        ctx.Cancel = true;
        stop.TrySetResult(ctx.Signal);
    };
}
