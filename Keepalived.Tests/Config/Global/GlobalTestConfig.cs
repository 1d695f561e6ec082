using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Tests.Config.Global;

/// <summary>Loads a config string with fake interfaces eth0/eth1.</summary>
internal static class GlobalTestConfig
{
    public static ConfigLoadResult Load(string text) => ConfigText.Load(text);

    /// <summary>(line, message) of every diagnostic.</summary>
    public static List<(int Line, string Message)> Lines(this ConfigLoadResult r) =>
        r.Diagnostics.All.Select(d => (d.Line, d.Message)).ToList();
}
