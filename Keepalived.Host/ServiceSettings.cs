using Keepalived.Actors.Config.Hocon;
using Serilog;
using Serilog.Core;

namespace Keepalived.Host;

/// <summary>
/// The service's HOCON settings (built-in defaults, keepalived.hocon, environment) and its
/// logger: a <see cref="DeferredLogger"/> usable as soon as the settings are read, and the real
/// one it hands over to (<see cref="Real"/>) once its sinks are built.
/// </summary>
internal sealed record ServiceSettings(HoconConfig Settings, DeferredLogger Logger, Task<Logger> Real)
{
    /// <summary>
    /// Reads the settings on a thread of its own, which logs keepalived's first line, then runs
    /// <paramref name="meanwhile"/> and builds the real logger. The task ends with the settings,
    /// before <paramref name="meanwhile"/>.
    /// </summary>
    /// <returns>A task that fails with a <see cref="HoconException"/> if a layer has an error, or an explicit <paramref name="hoconFile"/> is missing.</returns>
    public static Task<ServiceSettings> Load(string configFile, string? hoconFile, bool detail, Action? meanwhile = null)
    {
        var loaded = new TaskCompletionSource<ServiceSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        // a thread, not the pool's: the pool's first work item waits for the pool to start
        new Thread(() => LoadOn(configFile, hoconFile, detail, meanwhile, loaded)) { IsBackground = true, Name = "settings" }.Start();
        return loaded.Task;
    }

    private static void LoadOn(string configFile, string? hoconFile, bool detail, Action? meanwhile, TaskCompletionSource<ServiceSettings> loaded)
    {
        HoconConfig settings;
        try
        {
            settings = HoconLayers.Load(new HoconLayerOptions { UserFile = hoconFile, KeepalivedConfPath = configFile });
        }
        catch (Exception ex)
        {
            loaded.SetException(ex);
            return;
        }
        var deferred = new DeferredLogger(Logging.MinimumLevel(settings, detail));
        var real = new TaskCompletionSource<Logger>(TaskCreationOptions.RunContinuationsAsynchronously);
        // keepalived's first line; here, the logging code's first use is paid while the
        // configuration is still being parsed (the settings are read sooner)
        ((ILogger)deferred).Information("Starting keepalived-net {Version}, command line: {CommandLine}",
            typeof(ServiceSettings).Assembly.GetName().Version, string.Join(' ', [Environment.ProcessPath, .. Environment.GetCommandLineArgs().Skip(1)]));
        loaded.SetResult(new ServiceSettings(settings, deferred, real.Task));
        meanwhile?.Invoke();
        Logger logger;
        try
        {
            logger = Logging.Create(settings, detail);
        }
        catch (Exception ex)
        {
            // the configured sinks could not be made: the console still tells what happens
            Console.Error.WriteLine($"Cannot set up logging as configured ({ex.Message}); logging to the console");
            logger = new LoggerConfiguration().MinimumLevel.Is(Logging.MinimumLevel(settings, detail))
                .WriteTo.Console(outputTemplate: Logging.Template).CreateLogger();
        }
        deferred.Attach(logger);
        real.SetResult(logger);
    }

    /// <summary>
    /// The settings once <paramref name="loading"/> is done, as the overrides of keepalived.conf;
    /// none if they could not be read (the caller reports that when it awaits the same task).
    /// </summary>
    public static HoconConfig? OverridesOf(Task<ServiceSettings> loading)
    {
        try
        {
            return loading.GetAwaiter().GetResult().Settings;
        }
        catch (HoconException)
        {
            return null;
        }
    }
}
