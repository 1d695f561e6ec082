using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Check;

internal static class CheckTestSupport
{
    /// <summary>Loads <paramref name="text"/> as keepalived.conf with -t.</summary>
    public static ConfigLoadResult Load(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"check-test-{Guid.NewGuid():N}.conf");
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

    /// <summary>The diagnostics that change the status, as (kind, line, message).</summary>
    public static List<(ConfigErrorKind Kind, int Line, string Message)> Errors(ConfigLoadResult r) =>
        r.Diagnostics.All.Where(d => d.Kind != ConfigErrorKind.Ok).Select(d => (d.Kind, d.Line, d.Message)).ToList();
}
