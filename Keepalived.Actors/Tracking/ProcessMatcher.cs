using System.Text;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// Whether a process is one a vrrp_track_process counts (keepalived's read_procs and
/// check_params): by its comm (the name in /proc/PID/stat, zombies excluded), or with
/// <c>full_command</c> by its command line, whose first word must be the process and whose
/// other words are compared with the configured parameters by <c>param_match</c>: exact (the
/// same words), partial (the configured words begin the process's), initial (as partial, the
/// last configured word only a prefix of the process's word).
/// </summary>
public sealed class ProcessMatcher
{
    private readonly byte[] _process;
    // each parameter followed by its NUL, as keepalived keeps them (process_params)
    private readonly byte[]? _parameters;
    private readonly ParamMatch _match;

    public ProcessMatcher(TrackedProcess config)
    {
        _process = Encoding.UTF8.GetBytes(config.Process ?? "");
        if (config.Parameters.Count > 0)
            _parameters = Encoding.UTF8.GetBytes(string.Concat(config.Parameters.Select(p => p + "\0")));
        _match = config.ParamMatch;
        FullCommand = config.FullCommand;
    }

    /// <summary>Match on /proc/PID/cmdline rather than the comm of /proc/PID/stat.</summary>
    public bool FullCommand { get; }

    /// <summary>How much of /proc/PID/cmdline decides the match (keepalived reads no more, plus one).</summary>
    public int CommandLineBytes => _process.Length + 1 + (_parameters?.Length ?? 0) + 1;

    /// <summary><paramref name="comm"/>: the name between the parentheses of /proc/PID/stat.</summary>
    public bool MatchesComm(ReadOnlySpan<byte> comm) => comm.SequenceEqual(_process);

    /// <summary><paramref name="commandLine"/>: /proc/PID/cmdline, NUL-separated words.</summary>
    public bool MatchesCommandLine(ReadOnlySpan<byte> commandLine)
    {
        int end = commandLine.IndexOf((byte)0);
        var first = end < 0 ? commandLine : commandLine[..end];
        if (!first.SequenceEqual(_process)) return false;
        if (_match == ParamMatch.None) return true;
        var parameters = end < 0 ? [] : commandLine[(end + 1)..];
        return ParametersMatch(parameters);
    }

    private bool ParametersMatch(ReadOnlySpan<byte> actual)
    {
        if (_parameters is null)
            return _match != ParamMatch.Exact || actual.Length == 0;
        if (actual.Length < _parameters.Length) return false;
        return _match switch
        {
            ParamMatch.Exact => actual.SequenceEqual(_parameters),
            ParamMatch.Partial => actual.StartsWith(_parameters),
            // the configured last word without its NUL: a prefix of the process's word
            _ => _parameters.Length == 1 || actual.StartsWith(_parameters.AsSpan(0, _parameters.Length - 1)),
        };
    }

    /// <summary>
    /// The comm of a /proc/PID/stat line, or empty for a zombie or a line that cannot be read
    /// (keepalived: from the first '(' to the first ')' after it, the state after it not Z).
    /// </summary>
    public static ReadOnlySpan<byte> CommOf(ReadOnlySpan<byte> stat)
    {
        if (stat.Length < 3) return [];
        int open = stat[2..].IndexOf((byte)'(');
        if (open < 0) return [];
        open += 2;
        int close = stat[(open + 1)..].IndexOf((byte)')');
        if (close < 0) return [];
        close += open + 1;
        if (close + 2 < stat.Length && stat[close + 2] == (byte)'Z') return [];
        return stat[(open + 1)..close];
    }
}
