namespace Keepalived.Actors.Config.Parser;

/// <summary>One message about the configuration, with where it was found.</summary>
/// <param name="File">The file being read, or null outside any file.</param>
/// <param name="Line">1-based line number, or 0 when not reading a file.</param>
public sealed record ConfigDiagnostic(ConfigErrorKind Kind, string? File, int Line, string Message)
{
    /// <summary>keepalived's log_message rather than a configuration report: not printed by <c>-t</c>.</summary>
    public bool LogOnly { get; init; }

    /// <summary>keepalived's format: <c>(FILE: Line N) message</c>.</summary>
    public override string ToString() => Line > 0
        ? File is null ? $"(Line {Line}) {Message}" : $"({File}: Line {Line}) {Message}"
        : Message;
}

/// <summary>
/// Collects diagnostics (keepalived's <c>report_config_error</c>). The position comes from the
/// reader at the time of the report, as keepalived's does.
/// </summary>
public sealed class ConfigDiagnostics
{
    private readonly List<ConfigDiagnostic> _all = [];
    private Func<(string? File, int Line)> _position = () => (null, 0);

    public IReadOnlyList<ConfigDiagnostic> All => _all;

    /// <summary>The highest kind reported; <see cref="ConfigErrorKind.Ok"/> when clean.</summary>
    public ConfigErrorKind Status { get; private set; }

    public int ExitCode => ConfigTestExitCode.For(Status);

    /// <summary>Called for every diagnostic as it is reported (e.g. to write it to stderr).</summary>
    public Action<ConfigDiagnostic>? Sink { get; set; }

    internal void SetPositionSource(Func<(string? File, int Line)> position) => _position = position;

    public void Report(ConfigErrorKind kind, string message)
    {
        var (file, line) = _position();
        Add(new ConfigDiagnostic(kind, file, line, message));
    }

    /// <summary>keepalived's log_message: no position, no effect on the status, silent under <c>-t</c>.</summary>
    public void Log(string message) => Add(new ConfigDiagnostic(ConfigErrorKind.Ok, null, 0, message) { LogOnly = true });

    /// <summary>Reports at an explicit position (used by checks made after parsing).</summary>
    public void ReportAt(ConfigErrorKind kind, string? file, int line, string message) =>
        Add(new ConfigDiagnostic(kind, file, line, message));

    private void Add(ConfigDiagnostic diagnostic)
    {
        _all.Add(diagnostic);
        if (diagnostic.Kind > Status) Status = diagnostic.Kind;
        Sink?.Invoke(diagnostic);
    }
}
