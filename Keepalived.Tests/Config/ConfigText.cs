using Keepalived.Actors.Config;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Config;

/// <summary>
/// Reads a keepalived.conf given as text, as <c>-t</c> would, on a <see cref="FakeHost"/>; the
/// scripts are checked on this machine's file system unless the options name another script host.
/// </summary>
internal static class ConfigText
{
    public static ConfigLoadResult Load(string text, ConfigHost? host = null) =>
        Load(text, new ConfigLoadOptions { Host = host ?? new FakeHost(), Parser = new() { ConfigTest = true } });

    public static ConfigLoadResult Load(string text, ConfigLoadOptions options)
    {
        if (options.Scripts is null) options = options with { Scripts = LocalScriptHost.Instance };
        var path = Path.Combine(Path.GetTempPath(), $"ka-test-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        try
        {
            return KeepalivedConfigLoader.Load(path, options);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
