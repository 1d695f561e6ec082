using System.CommandLine;
using System.Runtime.InteropServices;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Watchdog;
using Serilog;
using Serilog.Events;

namespace Keepalived.Host;

/// <summary>
/// keepalived-net's entry point: keepalived's flags, logging, the actor system with the
/// watchdog, and a clean stop on SIGTERM/SIGINT (the tree stops children first).
/// </summary>
public static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        // A plain -t skips building the command-line parser (a good part of its start-up).
        if (ConfigTestArguments.TryParse(args, out var test))
            return ConfigTestCommand.Run(test!.File, test.HoconFile, test.Parser, test.Dump);
        var useFile = new Option<string>("--use-file", "-f")
        {
            Description = "Use the specified configuration file",
            DefaultValueFactory = _ => ConfigTestArguments.DefaultFile,
        };
        var dontFork = new Option<bool>("--dont-fork", "-n") { Description = "Don't fork the daemon process (always the case)" };
        var logConsole = new Option<bool>("--log-console", "-l") { Description = "Log messages to the local console" };
        var logDetail = new Option<bool>("--log-detail", "-D") { Description = "Detailed log messages" };
        var version = new Option<bool>("--version", "-v") { Description = "Display the version number" };
        var configTest = new Option<bool>("--config-test", "-t") { Description = "Check the configuration for obvious errors and exit (0 valid, 4 fatal, 5 errors, 6 script security)" };
        var dumpConf = new Option<bool>("--dump-conf", "-d") { Description = "Dump the effective configuration (normalized, with overrides)" };
        var configId = new Option<string?>("--config-id", "-i") { Description = "Skip any configuration lines beginning '@' that don't match the id" };
        var hocon = new Option<string?>("--hocon") { Description = "HOCON settings and overrides (default: keepalived.hocon beside the configuration file, if present)" };
        var root = new RootCommand("keepalived-net: keepalived re-implemented as an actor-based HA runtime")
        {
            useFile, dontFork, logConsole, logDetail, version, configTest, dumpConf, configId, hocon,
        };
        root.SetAction((result, token) =>
        {
            if (result.GetValue(version))
            {
                Console.WriteLine($"keepalived-net {typeof(ServiceHost).Assembly.GetName().Version}");
                return Task.FromResult(0);
            }
            var file = result.GetValue(useFile)!;
            var parserOptions = new ConfigParserOptions { ConfigTest = result.GetValue(configTest) };
            if (result.GetValue(configId) is { } id) parserOptions = parserOptions with { ConfigId = id };
            if (result.GetValue(configTest))
                return Task.FromResult(ConfigTestCommand.Run(file, result.GetValue(hocon), parserOptions, result.GetValue(dumpConf)));
            return RunServiceAsync(new ServiceOptions(file, result.GetValue(hocon), parserOptions,
                result.GetValue(logDetail), result.GetValue(dumpConf)), token);
        });
        return await root.Parse(args).InvokeAsync();
    }

    private sealed record ServiceOptions(string ConfigFile, string? HoconFile, ConfigParserOptions Parser, bool Detail, bool Dump);

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
            using var system = ActorSystem.Create("keepalived", ActorSystemSettings.Default with { Logger = Log.Logger });
            var stop = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stopping(stop));
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stopping(stop));
            var config = LoadConfiguration(options, settings);
            system.ActorOf(WatchdogActor.Props(), "watchdog");
            Log.Information("keepalived-net started (pid {Pid}): {Instances} vrrp_instance(s), {VirtualServers} virtual_server(s) read; " +
                "they are not run yet (VRRP arrives with the next milestone)",
                Environment.ProcessId, config?.Config.Vrrp.Instances.Count ?? 0, config?.Config.Check.VirtualServers.Count ?? 0);
            var signal = await stop.Task.WaitAsync(token);
            Log.Information("Received {Signal}, stopping", signal);
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
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

    private static Action<PosixSignalContext> Stopping(TaskCompletionSource<PosixSignal> stop) => ctx =>
    {
        ctx.Cancel = true;
        stop.TrySetResult(ctx.Signal);
    };
}
