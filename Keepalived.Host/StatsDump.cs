using Akka.Actor;
using Keepalived.Actors.Vrrp;
using Serilog;

namespace Keepalived.Host;

/// <summary>
/// SIGUSR2, as keepalived: every VRRP instance's counters written to
/// <c>$TMPDIR/keepalived.stats</c> (<c>/tmp</c> without TMPDIR) in keepalived's layout.
/// </summary>
internal static class StatsDump
{
    public static string FilePath => Path.Combine(Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp", "keepalived.stats");

    public static async Task WriteAsync(IActorRef watchdog)
    {
        try
        {
            var instances = await watchdog.Ask<List<VrrpInstanceActor.Status>>(VrrpManagerActor.GetInstances.Instance, TimeSpan.FromSeconds(5));
            using var writer = new StreamWriter(FilePath, append: false);
            foreach (var i in instances) i.Statistics.WriteStats(writer, i.Name);
            Log.Information("VRRP statistics written to {File}", FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
        {
            Log.Warning("Can't write {File}: {Error}", FilePath, ex.Message);
        }
    }
}
