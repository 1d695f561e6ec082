using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>The handler shapes global_defs repeats many times, as table entries.</summary>
internal sealed class GlobalKeywordHelpers(SectionContext context)
{
    public SectionContext Context { get; } = context;
    public GlobalConfig Config => Context.Config.Global;

    public void Error(string message) => Context.Report(ConfigErrorKind.GeneralError, message);

    /// <summary>A keyword that only switches something on; its words are ignored.</summary>
    public Action<Tokens> Flag(Action set) => _ => set();

    /// <summary>KEYWORD [true|false] — no value means true; a bad value is reported with <paramref name="invalid"/>.</summary>
    public Action<Tokens> TrueFalse(Action<bool> set, Func<string, string> invalid) => t =>
    {
        if (t.Count < 2) { set(true); return; }
        if (ValueReader.TrueFalse(t[1]) is { } b) set(b);
        else Error(invalid(t[1]));
    };

    /// <summary>The common wording: "Invalid value 'X' for global KEYWORD specified".</summary>
    public Action<Tokens> GlobalTrueFalse(string keyword, Action<bool> set) =>
        TrueFalse(set, v => $"Invalid value '{v}' for global {keyword} specified");

    /// <summary>KEYWORD NAME — missing name reported with <paramref name="missing"/> (null: silently ignored).</summary>
    public Action<Tokens> Name(Action<string> set, string? missing) => t =>
    {
        if (t.Count < 2) { if (missing is not null) Error(missing); return; }
        set(t[1]);
    };

    /// <summary>read_unsigned_strvec(…, ignore_error) then a keyword-specific message on failure.</summary>
    public bool Unsigned(Tokens t, int index, uint min, uint max, bool ignoreError, string error, out uint value)
    {
        if (Context.Values.ReadUnsigned(t[index], out value, min, max, ignoreError)) return true;
        Error(error);
        return false;
    }

    /// <summary>A seconds timer read as read_decimal_unsigned_strvec(…, TIMER_HZ_DIGITS, true).</summary>
    public bool Decimal(Tokens t, ulong min, ulong max, string error, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!Context.Values.ReadDecimal(t[1], out var us, min, max, ValueReader.TimerHzDigits, ignoreError: true))
        {
            Error(error);
            return false;
        }
        value = TimeSpan.FromTicks((long)us * 10);
        return true;
    }

    /// <summary>save_process_name: names longer than 15 characters are truncated.</summary>
    public Action<Tokens> ProcessName(Action<string> set) => t =>
    {
        if (t.Count < 2) { Error("Process name missing"); return; }
        set(Truncated(t[1]));
    };

    public string Truncated(string name)
    {
        if (name.Length < 16) return name;
        Error($"Process name {name} more than 15 characters, truncating");
        return name[..15];
    }

    /// <summary>KEYWORD SIZE for netlink receive buffers; 0 or invalid leaves it unset.</summary>
    public Action<Tokens> NetlinkBufs(string keyword) => t =>
    {
        var type = keyword[..^"_rcv_bufs".Length];
        if (t.Count < 2) { Error($"{type}_rcv_bufs size missing"); return; }
        if (!Context.Values.ReadUnsigned(t[1], out var v, 0, uint.MaxValue)) { Error($"{type}_rcv_bufs size ({t[1]}) invalid"); return; }
        if (v != 0) Config.NetlinkBufs[keyword] = v;
    };
}
