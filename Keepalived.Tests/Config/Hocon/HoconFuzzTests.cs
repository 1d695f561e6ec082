using Xunit;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Config.Hocon;

/// <summary>
/// Robustness: whatever the input, the reader returns or throws a <see cref="HoconException"/>;
/// never another exception type, a stack overflow or a hang. Seeded, so failures reproduce.
/// </summary>
public sealed class HoconFuzzTests : IDisposable
{
    // Only a guard against hangs: a case that makes no progress for this long fails the test.
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Corpus =
    [
        "a = 1\nb = [1, 2, 3]\nc { d = \"x\", e = ${a} }",
        "keepalived-net {\n  management { address = \"127.0.0.1\", port = 9466 }\n  logging { level = info, console = true, file = \"\" }\n}",
        "path = [/bin]\npath = ${path} [/usr/bin]\npath += /sbin\nx = ${?HOME}\"/x\"",
        "s = \"\"\"multi\nline \"quoted\" \"\"\"\nt = foo bar baz // comment\n# other comment\nu = 10ms, v = 512k",
        "foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }\nbar : { x : ${foo.c}, y : ${?nope} }",
        "include \"missing.conf\"\ninclude required(file(\"also-missing.conf\"))\na.b.\"c.d\" = true",
        "{ \"json\": [ {\"k\": null}, 1.5e3, -2, \"\\u00e9\\n\" ], \"o\": { } }",
        "a = ${b}\nb = ${c}\nc = ${a}\nd : [ ${d} ]\ne = { x = 1 } { y = 2 }",
        "x = 1 2 3\ny = [ 1 2, 3 4 ]\nz = ${x} ${y}",
    ];

    // Characters that steer the tokenizer into interesting states.
    private const string Spicy = "{}[]\"$?=:+,#/\\\n\t .-0123456789eE`^!@*&\u0000\u001F\u00A0\u2028\uFEFF\uD800\uDFFF";

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", "\n", " ", "=", ":", "+=", "a", "b.c", "\"q\"", "\"\"\"t\"\"\"", "${a}", "${?b}",
        "${b.c}", "1", "-2.5e3", "true", "null", "include ", "\"f.conf\"", "required(", ")", "# c\n", "// c\n", "10s",
    ];

    private readonly TempDirectory _directory = new();
    private readonly HoconParserOptions _options;

    public HoconFuzzTests()
    {
        _options = new HoconParserOptions { EnvironmentLookup = _ => null, BaseDirectory = _directory.Path };
    }

    public void Dispose() => _directory.Dispose();

    private string? _current;
    private long _completed;

    [Fact]
    public void Corpus_parses_or_fails_cleanly() => Guarded(() => Assert.All(Corpus, Run));

    [Fact]
    public void Mutated_inputs_only_throw_hocon_exceptions() => Guarded(() =>
    {
        var rng = new Random(20_240_611);
        for (var i = 0; i < 3000; i++)
        {
            Run(Mutate(rng, i));
        }
    });

    [Fact]
    public void Arbitrary_strings_only_throw_hocon_exceptions() => Guarded(() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => Survives(text ?? string.Empty))
            .Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000)));

    [Fact]
    public void Arbitrary_token_sequences_only_throw_hocon_exceptions() => Guarded(() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), picks => Survives(string.Concat(picks.Select(p => Tokens[(p & int.MaxValue) % Tokens.Length]))))
            .Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000)));

    private bool Survives(string text)
    {
        Run(text);
        return true;
    }

    /// <summary>
    /// Runs the cases on a worker thread (default stack size) and fails if one makes no progress
    /// within <see cref="CaseTimeout"/>. Exceptions from the worker are rethrown here.
    /// </summary>
    private void Guarded(Action cases)
    {
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                cases();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "hocon-fuzz" };
        worker.Start();
        var seen = -1L;
        while (!worker.Join(CaseTimeout))
        {
            var completed = Interlocked.Read(ref _completed);
            if (completed == seen)
            {
                Assert.Fail($"parser made no progress for {CaseTimeout} on input {Preview(Volatile.Read(ref _current) ?? string.Empty)}");
            }

            seen = completed;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private string Mutate(Random rng, int round)
    {
        var seed = Corpus[rng.Next(Corpus.Length)];
        // Deep nesting and huge tokens are the expensive cases, so they come less often.
        switch (round % 32)
        {
            case 0: // truncation
                return seed[..rng.Next(seed.Length + 1)];
            case 1: // character flips
                var chars = seed.ToCharArray();
                for (var k = rng.Next(1, 6); k > 0; k--)
                {
                    chars[rng.Next(chars.Length)] = rng.Next(3) == 0 ? (char)rng.Next(0x10000) : Spicy[rng.Next(Spicy.Length)];
                }

                return new string(chars);
            case 2 or 10: // deep nesting
                var open = rng.Next(4) switch { 0 => "{", 1 => "[", 2 => "a {", _ => "a.b." };
                return Insert(rng, seed, Repeat(open, rng.Next(400, 20_000)));
            case 3: // huge token
                var unit = rng.Next(5) switch { 0 => "x", 1 => "9", 2 => " ", 3 => "\"", _ => "${" };
                return Insert(rng, seed, Repeat(unit, rng.Next(10_000, 100_000)));
            case 4: // binary garbage
                var garbage = new StringBuilder();
                for (var k = rng.Next(1, 3000); k > 0; k--)
                {
                    garbage.Append(rng.Next(2) == 0 ? (char)rng.Next(0x10000) : (char)rng.Next(0x80));
                }

                return garbage.ToString();
            case 5: // splice two documents
                var other = Corpus[rng.Next(Corpus.Length)];
                return seed[..rng.Next(seed.Length + 1)] + other[rng.Next(other.Length + 1)..];
            case 6: // repetition
                var start = rng.Next(seed.Length);
                var slice = seed[start..Math.Min(seed.Length, start + rng.Next(1, 30))];
                return Insert(rng, seed, Repeat(slice, rng.Next(2, 2000)));
            case 7: // deletion
                var from = rng.Next(seed.Length);
                return seed.Remove(from, rng.Next(seed.Length - from + 1));
            default: // a few flips after a truncation
                var cut = seed[..rng.Next(seed.Length + 1)].ToCharArray();
                for (var k = cut.Length == 0 ? 0 : rng.Next(1, 4); k > 0; k--)
                {
                    cut[rng.Next(cut.Length)] = Spicy[rng.Next(Spicy.Length)];
                }

                return new string(cut);
        }
    }

    private static string Insert(Random rng, string text, string insert) => text.Insert(rng.Next(text.Length + 1), insert);

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    /// <summary>Parses and reads everything back; only <see cref="HoconException"/> may escape.</summary>
    private void Run(string text)
    {
        Volatile.Write(ref _current, text);
        try
        {
            ParseAndRead(text);
        }
        catch (Exception e) when (e is not HoconException)
        {
            Assert.Fail($"unexpected {e.GetType().Name} for input {Preview(text)}: {e}");
        }

        Interlocked.Increment(ref _completed);
    }

    private void ParseAndRead(string text)
    {
        try
        {
            var config = HoconParser.Parse(text, _options);
            _ = config.ToString();
            foreach (var (key, value) in config.AsEnumerable())
            {
                var path = HoconPath.Parse(new HoconPath([key]).ToString());
                Assert.Single(path);
                Read(() => value.GetString());
                Read(() => value.GetTimeSpan());
                Read(() => value.GetByteSize());
                Read(() => value.GetBoolean());
                Read(() => value.GetDouble());
                Read(() => value.GetStringList());
                Read(() => config.GetConfig(path.ToString()));
            }
        }
        catch (HoconException)
        {
            // the only acceptable failure
        }

        static void Read(Func<object?> read)
        {
            try
            {
                _ = read();
            }
            catch (HoconException)
            {
            }
        }
    }

    private static string Preview(string text) =>
        $"(length {text.Length}) \"{(text.Length > 200 ? text[..200] + "..." : text).Replace("\n", "\\n", StringComparison.Ordinal)}\"";
}
