using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// One line of a track_interface / track_script / track_file / track_process / track_bfd block
/// (keepalived's alloc_track_if, alloc_track_script, vrrp_alloc_track_file, alloc_track_process,
/// alloc_track_bfd): <c>NAME [weight N [reverse|noreverse]]</c>. The five differ only in their
/// messages, weight range and a few details, so they are driven by a table.
/// </summary>
internal sealed class TrackListReader(VrrpParseState state)
{
    private sealed record Rules(
        string NotFound, string Duplicate, string UnknownOption, string NoWeight, int Limit, string BadWeight,
        bool ResetBadToZero, bool Clamp254, bool NoReverse, string BadReverse, bool DropOnBadReverse);

    // Placeholders: {0} owner, {1} tracked name, {2} the offending word.
    private static readonly Dictionary<TrackKind, Rules> Table = new()
    {
        [TrackKind.Interface] = new("({0}) tracked interface {1} doesn't exist", "({0}) duplicate track_interface {1} - ignoring",
            "({0}) unknown track_interface {1} option {2} - ignoring", "({0}) weight without value specified for track_interface {1} - ignoring",
            254, "({0}) weight {2} for {1} must be between [-253..253] inclusive. Ignoring...", true, true, false,
            "({0}) unknown track_interace {1} weight option {2} - ignoring", false),
        [TrackKind.Script] = new("({0}) track script {1} not found, ignoring...", "({0}) duplicate track_script {1} - ignoring",
            "({0}) unknown track script option {2} - ignoring", "({0}) weight without value specified for track script {1} - ignoring",
            254, "({0}) track script {1}: weight must be between [-253..253] inclusive, ignoring...", false, true, true,
            "({0}) unknown track_script {1} weight option {2} - ignoring", false),
        [TrackKind.File] = new("({0}) track file {1} not found, ignoring...", "({0}) duplicate track_file {1} - ignoring",
            "({0}) unknown track file option {2} - ignoring", "({0}) weight without value specified for track file {1} - ignoring",
            254, "({0}) weight for track file {1} must be in [-254..254] inclusive. Ignoring...", false, false, true,
            "({0}) unknown track file {1} weight option {2} - ignoring", true),
        [TrackKind.Process] = new("({0}) track process {1} not found, ignoring...", "({0}) duplicate track_process {1} - ignoring",
            "({0}) unknown track process option {2} - ignoring", "({0}) weight without value specified for track process {1} - ignoring",
            254, "({0}) weight for track process {1} must be in [-254..254] inclusive. Ignoring...", false, false, true,
            "({0}) unknown track_process {1} weight option {2} - ignoring", false),
        [TrackKind.Bfd] = new("({0}) track bfd {1} not found, ignoring...", "({0}) duplicate track_bfd {1} - ignoring",
            "({0}) unknown track bfd {1} option {2} - ignoring", "({0}) weight without value specified for track bfd {1} - ignoring",
            253, "({0}) weight for track bfd {1} must be in [-253..253] inclusive. Ignoring...", false, false, true,
            "({0}) unknown track bfd {1} weight option {2} - ignoring", true),
    };

    /// <summary>Reads a whole track_* value block into <paramref name="list"/>.</summary>
    public void ReadBlock(TrackKind kind, string owner, List<TrackedItem> list, Tokens keywordLine) =>
        state.Context.Parser.ReadValueBlock(keywordLine, line => ReadLine(kind, owner, list, line));

    public void ReadLine(TrackKind kind, string owner, List<TrackedItem> list, Tokens line)
    {
        var rules = Table[kind];
        var name = line[0];
        string Msg(string format, string word = "") => string.Format(format, owner, name, word);
        if (!Defaults(kind, name, out var weight, out var reverse))
        {
            state.Error(Msg(rules.NotFound));
            return;
        }
        if (list.Any(t => t.Kind == kind && t.Name == name))
        {
            state.Error(Msg(rules.Duplicate));
            return;
        }
        if (line.Count >= 2)
        {
            if (line[1] != "weight")
            {
                state.Error(Msg(rules.UnknownOption, line[1]));
                return;
            }
            if (line.Count == 2)
            {
                state.Error(Msg(rules.NoWeight));
                return;
            }
            var fallback = weight;
            if (!state.Values.ReadInt(line[2], out weight, -rules.Limit, rules.Limit, true))
            {
                state.Error(Msg(rules.BadWeight, line[2]));
                weight = rules.ResetBadToZero ? 0 : fallback;
            }
            else if (rules.Clamp254 && Math.Abs(weight) == 254)
            {
                state.Error($"({owner}) weight for {name} cannot be +/-254. Setting to +/-253");
                weight = weight < 0 ? -253 : 253;
            }
            if (line.Count >= 4)
            {
                if (line[3] == "reverse") reverse = true;
                else if (rules.NoReverse && line[3] == "noreverse") reverse = false;
                else
                {
                    state.Error(Msg(rules.BadReverse, line[3]));
                    if (rules.DropOnBadReverse) return;
                }
            }
        }
        list.Add(new TrackedItem(kind, name, weight, reverse));
    }

    /// <summary>Whether the tracked object exists, and the weight/reverse it gives by default.</summary>
    private bool Defaults(TrackKind kind, string name, out int weight, out bool reverse)
    {
        weight = 0;
        reverse = false;
        switch (kind)
        {
            case TrackKind.Interface:
                return state.Interfaces.Get(name);
            case TrackKind.Script when state.Config.FindScript(name) is { } s:
                (weight, reverse) = (s.Weight, s.WeightReverse);
                return true;
            case TrackKind.File when state.Config.FindFile(name) is { } f:
                (weight, reverse) = (f.Weight, f.WeightReverse);
                return true;
            case TrackKind.Process when state.Config.FindProcess(name) is { } p:
                (weight, reverse) = (p.Weight, p.WeightReverse);
                return true;
            case TrackKind.Bfd:
                return state.Config.BfdInstances.Contains(name);
            default:
                return false;
        }
    }
}
