using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Host;

/// <summary>
/// <c>keepalived-net -t</c>: diagnostics on stderr as keepalived prints them and its exit
/// codes; with <c>-d</c> the effective configuration (overrides applied) on stdout.
/// </summary>
public static class ConfigTestCommand
{
    public static int Run(string file, string? hoconFile, ConfigParserOptions parserOptions, bool dump)
    {
        Actors.Config.Hocon.HoconConfig? layers = null;
        var layerOptions = new HoconLayerOptions { UserFile = hoconFile, KeepalivedConfPath = file };
        // The built-in defaults alone hold no keepalived { } overrides: no need to load them for a test.
        if (!HoconLayers.IsReferenceOnly(layerOptions))
        {
            try
            {
                layers = HoconLayers.Load(layerOptions);
            }
            catch (HoconException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ConfigTestExitCode.Fatal;
            }
        }
        var result = KeepalivedConfigLoader.Load(file, new ConfigLoadOptions
        {
            Parser = parserOptions,
            Scripts = LocalScriptHost.Instance,
            Overrides = layers,
            // keepalived -t prints its configuration reports, not its log messages.
            Sink = d => { if (!d.LogOnly) Console.Error.WriteLine(d.ToString()); },
        });
        if (dump) Console.Out.Write(result.Dump());
        return result.ExitCode;
    }
}
