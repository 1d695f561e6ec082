using Serilog;
using Serilog.Core;
using Serilog.Events;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Host;

/// <summary>The service's Serilog logger from the HOCON settings <c>keepalived-net.logging</c>.</summary>
public static class Logging
{
    public const string Template = "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {ActorPath} {Message:lj}{NewLine}{Exception}";

    /// <param name="detail"><c>-D</c>: debug level whatever the settings say.</param>
    public static Logger Create(HoconConfig settings, bool detail)
    {
        var config = new LoggerConfiguration().MinimumLevel.Is(MinimumLevel(settings, detail));
        // The sinks run on one background worker, in order: the VRRP event loop hands a line over
        // and never waits for the console, a pipe or the disk (a takeover logs on its way).
        var console = settings.GetBoolean("keepalived-net.logging.console", true);
        var file = settings.GetString("keepalived-net.logging.file", "");
        config.WriteTo.Async(sinks =>
        {
            if (console) sinks.Console(outputTemplate: Template);
            if (file is { Length: > 0 }) sinks.File(file, outputTemplate: Template);
        });
        return config.CreateLogger();
    }

    /// <summary>The level from <c>keepalived-net.logging.level</c>, or debug with <c>-D</c>.</summary>
    public static LogEventLevel MinimumLevel(HoconConfig settings, bool detail) =>
        detail ? LogEventLevel.Debug : ParseLevel(settings.GetString("keepalived-net.logging.level", "info") ?? "info");

    private static LogEventLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };
}
