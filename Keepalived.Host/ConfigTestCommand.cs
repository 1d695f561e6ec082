using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Host;

/// <summary><c>keepalived-net -t</c>: diagnostics on stderr as keepalived prints them, its exit codes.</summary>
public static class ConfigTestCommand
{
    public static int Run(string file, ConfigParserOptions parserOptions, bool dump)
    {
        var result = KeepalivedConfigLoader.Load(file, new ConfigLoadOptions
        {
            Parser = parserOptions,
            Sink = d => Console.Error.WriteLine(d.ToString()),
        });
        if (dump) Console.Out.Write(result.Dump());
        return result.ExitCode;
    }
}
