using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The notify_* keywords shared by vrrp_instance and vrrp_sync_group: each takes a script
/// (<c>"COMMAND ARGS" [USER [GROUP]]</c>) and may be given once.
/// </summary>
internal static class NotifyKeywords
{
    /// <summary>Keywords of both blocks; vrrp_instance adds notify_master_rx_lower_pri and notify_deleted.</summary>
    public static readonly string[] Common = ["notify_backup", "notify_master", "notify_fault", "notify_stop", "notify"];

    /// <param name="scripts">The notify scripts of the block being read.</param>
    /// <param name="prefix">How the block names itself in messages: "(VI_1)" or "vrrp group G:".</param>
    /// <param name="usage">The owner for <see cref="Model.NotifyScript.Usage"/>, e.g. "vrrp_instance VI_1".</param>
    public static void Install(KeywordTable table, IEnumerable<string> keywords, VrrpParseState state,
        Func<NotifyScripts> scripts, Func<string> prefix, Func<string> usage)
    {
        foreach (var keyword in keywords)
            table.Add(keyword, t =>
            {
                var target = scripts();
                var what = keyword == "notify" ? "notify script" : $"{keyword} script";
                if (target[keyword] is not null)
                {
                    state.Error($"{prefix()} {what} already specified - ignoring {t[1]}");
                    return;
                }
                target.Set(keyword, state.Scripts.ReadNotify(t, $"{keyword} {usage()}"));
            });
    }
}
