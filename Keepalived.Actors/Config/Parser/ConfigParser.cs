namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// keepalived's keyword-driven parser (<c>init_data</c>, <c>process_stream</c>,
/// <c>alloc_value_block</c>): each logical line's first word is looked up in the current
/// keyword table; its handler runs; a keyword with a sub-table opens a block. Unknown keywords
/// are reported and skipped, a stray '{' is reported and ignored, a missing '{' is reported.
/// Recursion follows the keyword tables, never the input, so hostile nesting cannot overflow
/// the stack.
/// </summary>
public sealed class ConfigParser
{
    private readonly ConfigFileStack _files;
    private readonly LineReader _reader;
    private int _kwLevel;
    private int _skipSublevel;
    /// <summary>One word list per block level, refilled for each line of that level (a keyword's line stays intact while its block is read).</summary>
    private readonly List<Tokens> _tokensByLevel = [];

    public ConfigParser(ConfigDiagnostics diagnostics, ConfigParserOptions? options = null)
    {
        options ??= new ConfigParserOptions();
        Diagnostics = diagnostics;
        Options = options;
        _files = new ConfigFileStack(diagnostics, options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        _reader = new LineReader(_files, diagnostics, options.ConfigId, options.RandomSeed);
        diagnostics.SetPositionSource(_files.Position);
    }

    public ConfigDiagnostics Diagnostics { get; }

    public ConfigParserOptions Options { get; }

    /// <summary>Directory of the file being read: relative paths in it are relative to this.</summary>
    public string CurrentDirectory => _files.CurrentDirectory;

    /// <summary>Where the parser is now (file and line), for recording where things were defined.</summary>
    public (string? File, int Line) Position => _files.Position();

    /// <summary>keepalived's include_check (global_defs): makes failures of every include errors.</summary>
    public IncludeType IncludeCheck
    {
        get => _files.IncludeCheck;
        set => _files.IncludeCheck = value;
    }

    public void Report(ConfigErrorKind kind, string message) => Diagnostics.Report(kind, message);

    /// <summary>keepalived's log_message: printed without a position and without effect on the status.</summary>
    public void Log(string message) => Diagnostics.Log(message);

    /// <summary>
    /// Reads <paramref name="configFile"/> with <paramref name="root"/>. Returns false when it
    /// stopped early (a keyword missing a parameter, which keepalived treats as fatal, exit 2).
    /// </summary>
    public bool Parse(string configFile, KeywordTable root)
    {
        if (!_files.Open(configFile, IncludeType.Readable | IncludeType.Missing | IncludeType.Wildcard))
        {
            Report(ConfigErrorKind.FileNotFound, "Failed to open configuration file");
            return true;
        }
        try
        {
            ProcessStream(root, needBob: false);
        }
        catch (MissingParameterException ex)
        {
            Report(ConfigErrorKind.MissingParameter, ex.Message);
            return false;
        }
        finally
        {
            // The word lists point into the file's text: let it go with the parse.
            _tokensByLevel.Clear();
        }
        if (_reader.BlockDepth > 0)
            Diagnostics.ReportAt(ConfigErrorKind.MissingEob, null, 0,
                $"There are {_reader.BlockDepth} missing '}}'s or extra '{{'s");
        return true;
    }

    /// <summary>
    /// Processes <paramref name="body"/> (keyword lines) with <paramref name="keywords"/> as if
    /// it were the inside of a block; diagnostics name <paramref name="origin"/> and lines from
    /// <paramref name="firstLine"/> on. Returns false if a keyword lacked a parameter.
    /// </summary>
    public bool ApplyBlockText(KeywordTable keywords, string body, string origin, int firstLine)
    {
        _files.OpenText(origin, "{ " + body + "\n}\n", firstLine);
        _kwLevel++;
        try
        {
            ProcessStream(keywords, needBob: true);
            return true;
        }
        catch (MissingParameterException ex)
        {
            Report(ConfigErrorKind.MissingParameter, ex.Message);
            return false;
        }
        finally
        {
            _kwLevel--;
            // Whatever the block left unread is not part of anything else.
            while (_files.TryReadPhysicalLine(out _)) { }
        }
    }

    /// <summary>Skips the rest of the current block (or the block about to open).</summary>
    public void SkipBlock(bool needBlockStart) => _skipSublevel = needBlockStart ? -1 : 1;

    /// <summary>
    /// A block of values rather than keywords (<c>virtual_ipaddress { ... }</c>): calls
    /// <paramref name="onLine"/> with the words of each line up to the closing '}'. Values may
    /// start on the keyword's own line after its '{'.
    /// </summary>
    public void ReadValueBlock(Tokens keywordLine, Action<Tokens> onLine)
    {
        var needBob = true;
        var hadEob = false;
        Tokens? first = null;
        if (keywordLine.Count > 1)
        {
            if (keywordLine[1] == "{")
            {
                needBob = false;
                if (keywordLine.Count > 2)
                {
                    var end = keywordLine.Count;
                    if (keywordLine[end - 1] == "}")
                    {
                        end--;
                        hadEob = true;
                    }
                    if (end > 2) first = keywordLine.Slice(2, end);
                }
            }
            else
                Report(ConfigErrorKind.GeneralError, $"Block {keywordLine[0]} has extra parameters {keywordLine[1]} ...");
        }
        if (first is not null) onLine(first);
        if (hadEob) return;
        while (_reader.ReadLine(out var line))
        {
            // A fresh list per line: value handlers may keep what they are given.
            var words = new Tokens();
            if (!words.Fill(line, Diagnostics)) continue;
            if (needBob)
            {
                needBob = false;
                if (words.IsWord(0, "{"))
                {
                    if (words.Count == 1) continue;
                    words = words.Slice(1);
                }
                else
                    Log($"'{{' missing from beginning of block {keywordLine[0]}");
            }
            if (words.IsWord(words.Count - 1, "}"))
            {
                if (words.Count == 1) break;
                hadEob = true;
                words = words.Slice(0, words.Count - 1);
            }
            onLine(words);
            if (hadEob) break;
        }
    }

    /// <summary>All the words of a value block, flattened (keepalived's read_value_block).</summary>
    public IReadOnlyList<string> ReadValueBlockWords(Tokens keywordLine)
    {
        var words = new List<string>();
        ReadValueBlock(keywordLine, t => words.AddRange(t.From(0)));
        return words;
    }

    /// <summary>process_stream: returns true when it left a skipped block at a nested level.</summary>
    private bool ProcessStream(KeywordTable keywords, bool needBob)
    {
        while (_tokensByLevel.Count <= _kwLevel) _tokensByLevel.Add(new Tokens());
        var tokens = _tokensByLevel[_kwLevel];
        while (_reader.ReadLine(out var line))
        {
            if (!tokens.Fill(line, Diagnostics)) continue;
            var word = tokens.Span(0);

            if (_skipSublevel == -1)
            {
                if (word is "{")
                {
                    _skipSublevel = 1;
                    needBob = false;
                    continue;
                }
                _skipSublevel = 0;
            }
            if (_skipSublevel != 0)
            {
                var last = 0;
                for (var i = 0; i < tokens.Count; i++)
                {
                    last = i;
                    var w = tokens.Span(i);
                    if (w is "{") _skipSublevel++;
                    else if (w is "}" && --_skipSublevel == 0) break;
                }
                if (tokens.IsWord(last, "}") && _skipSublevel == 0 && _kwLevel > 0) return true;
                continue;
            }

            if (needBob)
            {
                needBob = false;
                if (word is "{" && _kwLevel > 0) continue;
                Report(ConfigErrorKind.MissingBob, "Missing '{' at beginning of configuration block");
            }
            else if (word is "{")
            {
                Report(ConfigErrorKind.UnexpectedBob, "Unexpected '{' - ignoring");
                continue;
            }

            if (word is "}" && _kwLevel > 0) break;

            if (!keywords.TryGet(word, out var keyword))
            {
                Report(ConfigErrorKind.UnknownKeyword, $"Unknown keyword '{word}'");
                continue;
            }
            tokens.SetWord(0, keyword.Name);
            RunKeyword(keyword, tokens);
        }
        return false;
    }

    private void RunKeyword(KeywordTable.Keyword keyword, Tokens tokens)
    {
        if (!keyword.Active)
            _skipSublevel = tokens.IsWord(tokens.Count - 1, "{") ? 1 : -1;
        var bobNeeded = false;
        if (keyword.Sub is not null)
        {
            if (tokens.IsWord(tokens.Count - 1, "{")) tokens = tokens.Slice(0, tokens.Count - 1);
            else bobNeeded = true;
        }
        if (keyword.Active && keyword.Handler is { } handler)
        {
            try { handler(tokens); }
            catch (NoCurrentBlockException ex) { NotInBlock(keyword, ex); }
        }
        if (keyword.Sub is null) return;
        _kwLevel++;
        bool skipped;
        try { skipped = ProcessStream(keyword.Sub, bobNeeded); }
        finally { _kwLevel--; }
        // A block that was skipped does not get its close handler.
        if (skipped || !keyword.Active || keyword.OnClose is not { } close) return;
        try { close(); }
        catch (NoCurrentBlockException ex) { NotInBlock(keyword, ex); }
    }

    private void NotInBlock(KeywordTable.Keyword keyword, NoCurrentBlockException ex) =>
        Report(ConfigErrorKind.GeneralError, $"'{keyword.Name}' ignored: {ex.Message}");
}

/// <summary>How to read a configuration.</summary>
public sealed record ConfigParserOptions
{
    /// <summary><c>-i</c>: the id that <c>@id</c> lines are matched against (default: the host name's first label).</summary>
    public string? ConfigId { get; init; } = DefaultConfigId();

    /// <summary>Running as <c>-t</c> (changes nothing but the "WARNING - " prefixes, as in keepalived).</summary>
    public bool ConfigTest { get; init; }

    /// <summary>Directory relative paths start from (the process's by default).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Seed of <c>${_RANDOM}</c>, for repeatable tests.</summary>
    public int? RandomSeed { get; init; }

    public static string DefaultConfigId()
    {
        var host = Environment.MachineName;
        var dot = host.IndexOf('.');
        return dot < 0 ? host : host[..dot];
    }
}
