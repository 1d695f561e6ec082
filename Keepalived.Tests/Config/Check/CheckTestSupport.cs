using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Check;

internal static class CheckTestSupport
{
    /// <summary>Loads <paramref name="text"/> as keepalived.conf with -t.</summary>
    public static ConfigLoadResult Load(string text) => ConfigText.Load(text);

    /// <summary>The diagnostics that change the status, as (kind, line, message).</summary>
    public static List<(ConfigErrorKind Kind, int Line, string Message)> Errors(ConfigLoadResult r) =>
        r.Diagnostics.All.Where(d => d.Kind != ConfigErrorKind.Ok).Select(d => (d.Kind, d.Line, d.Message)).ToList();
}
