using Keepalived.Actors.Config;

namespace Keepalived.Tests.Config;

/// <summary>Reads a keepalived.conf given as text, as <c>-t</c> would, on a <see cref="FakeHost"/>.</summary>
internal static class ConfigText
{
    public static ConfigLoadResult Load(string text, ConfigHost? host = null) =>
        Load(text, new ConfigLoadOptions { Host = host ?? new FakeHost(), Parser = new() { ConfigTest = true } });

    public static ConfigLoadResult Load(string text, ConfigLoadOptions options)
    {
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
