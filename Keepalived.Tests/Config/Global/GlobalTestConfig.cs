using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Tests.Config.Global;

/// <summary>Loads a config string with fake interfaces eth0/eth1.</summary>
internal static class GlobalTestConfig
{
    public static ConfigLoadResult Load(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ka-global-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        try
        {
            return KeepalivedConfigLoader.Load(path, new ConfigLoadOptions { Host = new FakeHost(), Parser = new() { ConfigTest = true } });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>(line, message) of every diagnostic.</summary>
    public static List<(int Line, string Message)> Lines(this ConfigLoadResult r) =>
        r.Diagnostics.All.Select(d => (d.Line, d.Message)).ToList();
}
