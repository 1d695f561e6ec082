namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// The files being read, innermost first: the main configuration and the includes it opens
/// (keepalived's include_stack). Each entry walks the matches of one glob; a relative path is
/// resolved against the directory of the file that named it.
/// </summary>
internal sealed class ConfigFileStack(ConfigDiagnostics diagnostics, string initialDirectory)
{
    /// <summary>keepalived reads lines with fgets into a 1024-byte buffer.</summary>
    public const int MaxBuf = 1024;
    private const long MaxFileBytes = 64L << 20;

    /// <summary>keepalived has no limit and recurses until it runs out of descriptors; an include cycle stops here.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>Files one configuration may open in all (a glob that includes itself would otherwise branch without end).</summary>
    public const int MaxFilesOpened = 10_000;

    private int _filesOpened;

    private readonly List<Entry> _stack = [];

    public IncludeType IncludeCheck { get; set; }

    private sealed class Entry(string pattern, IncludeType type, IReadOnlyList<string> matches, string directory, IncludeType savedCheck)
    {
        public string Pattern { get; } = pattern;
        public IncludeType Type { get; } = type;
        public IReadOnlyList<string> Matches { get; } = matches;
        public string Directory { get; } = directory;
        public IncludeType SavedCheck { get; } = savedCheck;
        public int NextMatch;
        public int NumMatches;
        public string? CurrentFile;
        public string FileDirectory = directory;
        public int LineNo;
        public string Text = "";
        public int Offset;
        /// <summary>Text handed in by <see cref="OpenText"/>: no glob, no further matches.</summary>
        public bool IsText;
        /// <summary>The next read starts a new physical line (false inside an over-long one).</summary>
        public bool AtLineStart = true;
        public string? FullPath;
    }

    public bool IsEmpty => _stack.Count == 0;

    /// <summary>The directory relative paths are resolved against now (keepalived chdirs there).</summary>
    public string CurrentDirectory => _stack.Count > 0 ? _stack[^1].FileDirectory : initialDirectory;

    /// <summary>
    /// Where a diagnostic points: the innermost file with a line, or the file that included it
    /// while the include itself is being opened.
    /// </summary>
    public (string? File, int Line) Position()
    {
        for (var i = _stack.Count - 1; i >= 0; i--)
            if (_stack[i].CurrentFile is not null) return (_stack[i].CurrentFile, _stack[i].LineNo);
        return (null, 0);
    }

    /// <summary>open_glob_file: pushes the glob and opens its first readable match.</summary>
    public bool Open(string pattern, IncludeType type)
    {
        if (_stack.Count >= MaxIncludeDepth)
        {
            diagnostics.Report(ConfigErrorKind.Fatal, $"include '{pattern}' is nested more than {MaxIncludeDepth} deep (an include cycle?) - skipping");
            return false;
        }
        var cwd = CurrentDirectory;
        var glob = IncludeGlob.Expand(pattern, cwd);
        var fails = IncludeCheck | type;
        if (glob.Paths.Count == 0)
        {
            if (glob.MissingFiles > 0 || glob.MissingDirectories > 0)
                FileError(IncludeGlob.HasBrace(pattern) ? IncludeType.Brace : IncludeType.Missing, fails,
                    $"Config files missing '{pattern}'.");
            else if (glob.HadWildcards && fails.HasFlag(IncludeType.Wildcard))
                FileError(IncludeType.Wildcard, fails, $"No config files matched '{pattern}'.");
            return false;
        }
        if (glob.MissingFiles > 0 || glob.MissingDirectories > 0)
        {
            FileError(IncludeType.Brace, fails, $"Some config files missing: \"{pattern}\".");
            if (fails.HasFlag(IncludeType.Brace)) return false;
        }
        var entry = new Entry(pattern, type, glob.Paths, cwd, IncludeCheck);
        _stack.Add(entry);
        if (OpenNextMatch(entry)) return true;
        _stack.RemoveAt(_stack.Count - 1);
        return false;
    }

    /// <summary>
    /// Reads <paramref name="text"/> as if it were a file called <paramref name="name"/> whose
    /// first line is <paramref name="firstLine"/> (used for overrides from other sources).
    /// </summary>
    public void OpenText(string name, string text, int firstLine)
    {
        var entry = new Entry(name, IncludeType.None, [], CurrentDirectory, IncludeCheck)
        {
            CurrentFile = name,
            LineNo = firstLine - 1,
            Text = text,
            IsText = true,
        };
        _stack.Add(entry);
    }

    /// <summary>
    /// Reads the next physical line (fgets semantics: at most MaxBuf-1 characters, the line
    /// number counts only complete lines), moving to the next match or back to the including
    /// file at the end of a file. Null when every file is done.
    /// </summary>
    public string? ReadPhysicalLine() => TryReadPhysicalLine(out var line) ? line.ToString() : null;

    /// <summary><see cref="ReadPhysicalLine"/> as a slice of the file's text (no copy).</summary>
    public bool TryReadPhysicalLine(out LineSlice line)
    {
        while (_stack.Count > 0)
        {
            var e = _stack[^1];
            if (e.Offset < e.Text.Length)
            {
                var start = e.Offset;
                var nl = e.Text.IndexOf('\n', start);
                var end = nl < 0 ? e.Text.Length : nl + 1;
                if (end - start > MaxBuf - 1) end = start + MaxBuf - 1;
                e.Offset = end;
                // Pieces of an over-long line share its number, and a last line without a newline
                // has its own (keepalived's children see it so, reading a copy that ends every line).
                if (e.AtLineStart) e.LineNo++;
                e.AtLineStart = e.Text[end - 1] == '\n';
                if (e.AtLineStart) end--;
                var chunk = e.Text.AsSpan(start, end - start);
                line = new LineSlice(e.Text, start, chunk.TrimEnd("\r\n").Length);
                return true;
            }
            if (!e.IsText && OpenNextMatch(e)) continue;
            IncludeCheck = e.SavedCheck;
            _stack.RemoveAt(_stack.Count - 1);
        }
        line = default;
        return false;
    }

    private bool OpenNextMatch(Entry e)
    {
        var fails = IncludeCheck | e.Type;
        while (e.NextMatch < e.Matches.Count)
        {
            var path = e.Matches[e.NextMatch++];
            var full = Path.GetFullPath(Path.Combine(e.Directory, path));
            if (path.EndsWith('/'))
            {
                FileError(IncludeType.Readable, fails, $"Configuration file '{path}' is a directory - skipping");
                continue;
            }
            string text;
            try
            {
                var info = new FileInfo(full);
                if (!info.Exists || info.Attributes.HasFlag(FileAttributes.Directory)
                    || (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                {
                    FileError(IncludeType.Readable, fails, $"Configuration file '{path}' is not a regular non-executable file - skipping");
                    continue;
                }
                if (info.Length > MaxFileBytes)
                {
                    FileError(IncludeType.Readable, fails, $"Configuration file '{path}' is larger than {MaxFileBytes >> 20} MiB - skipping");
                    continue;
                }
                text = ReadText(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                FileError(IncludeType.Readable, fails, $"Configuration file '{path}' open problem ({ex.Message}) - skipping");
                continue;
            }
            if (_stack.Any(other => other.FullPath == full))
            {
                diagnostics.Report(ConfigErrorKind.GeneralError, $"Configuration file '{path}' includes itself - skipping");
                continue;
            }
            if (++_filesOpened > MaxFilesOpened)
            {
                diagnostics.Report(ConfigErrorKind.Fatal, $"More than {MaxFilesOpened} configuration files opened - skipping '{path}'");
                continue;
            }
            e.NumMatches++;
            e.FullPath = full;
            e.AtLineStart = true;
            e.CurrentFile = path;
            e.FileDirectory = path.Contains('/') ? Path.GetDirectoryName(full)! : e.Directory;
            e.LineNo = 0;
            e.Text = text;
            e.Offset = 0;
            return true;
        }
        if (e.Matches.Count == 0) FileError(IncludeType.Readable, fails, $"{e.Pattern} - no matching file");
        return false;
    }

    /// <summary>
    /// The file as text, decoded as UTF-8 (a byte-order mark chooses another Unicode encoding, as
    /// File.ReadAllText does) straight from its bytes: no intermediate buffers for large files.
    /// </summary>
    private static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return File.ReadAllText(path);
        return System.Text.Encoding.UTF8.GetString(span);
    }

    /// <summary>file_config_error: an error only if the include's type (or include_check) asks for it.</summary>
    private void FileError(IncludeType errorType, IncludeType fails, string message) =>
        diagnostics.Report((fails & errorType) != 0 ? ConfigErrorKind.FileNotFound : ConfigErrorKind.Ok, message);
}
