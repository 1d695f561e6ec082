using Keepalived.Actors.Config.Hocon;
using Serilog;
using HoconConfig = Keepalived.Actors.Config.Hocon.Config;

namespace Keepalived.Host;

/// <summary>The service's HOCON settings (built-in defaults, keepalived.hocon, environment) and the logger they describe.</summary>
internal sealed record ServiceSettings(HoconConfig Settings, ILogger Logger)
{
    /// <exception cref="HoconException">A layer has an error, or an explicit <paramref name="hoconFile"/> is missing.</exception>
    public static ServiceSettings Load(string configFile, string? hoconFile, bool detail)
    {
        var settings = HoconLayers.Load(new HoconLayerOptions { UserFile = hoconFile, KeepalivedConfPath = configFile });
        var logger = Logging.Create(settings, detail);
        // keepalived's first lines too; written here, the logger's first use is paid beside the configuration's parse
        logger.Information("Starting keepalived-net {Version}, command line: {CommandLine}",
            typeof(ServiceSettings).Assembly.GetName().Version, string.Join(' ', [Environment.ProcessPath, .. Environment.GetCommandLineArgs().Skip(1)]));
        return new ServiceSettings(settings, logger);
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
