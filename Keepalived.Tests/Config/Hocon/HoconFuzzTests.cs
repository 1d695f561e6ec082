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

    [Fact]
    public void Corpus_parses_or_fails_cleanly() => Assert.All(Corpus, Run);

    [Fact]
    public void Mutated_inputs_only_throw_hocon_exceptions()
    {
        var rng = new Random(20_240_611);
        for (var i = 0; i < 3000; i++)
        {
            Run(Mutate(rng, i));
        }
    }

    [Fact]
    public void Arbitrary_strings_only_throw_hocon_exceptions() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => Survives(text ?? string.Empty))
            .Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000));

    [Fact]
    public void Arbitrary_token_sequences_only_throw_hocon_exceptions() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), picks => Survives(string.Concat(picks.Select(p => Tokens[(p & int.MaxValue) % Tokens.Length]))))
            .Check(global::FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000));

    private bool Survives(string text)
    {
        Run(text);
        return true;
    }

    private string Mutate(Random rng, int round)
    {
        var seed = Corpus[rng.Next(Corpus.Length)];
        switch (round % 8)
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
            case 2: // deep nesting
                var open = rng.Next(4) switch { 0 => "{", 1 => "[", 2 => "a {", _ => "a.b." };
                return Insert(rng, seed, string.Concat(Enumerable.Repeat(open, rng.Next(400, 60_000))));
            case 3: // huge token
                var unit = rng.Next(5) switch { 0 => "x", 1 => "9", 2 => " ", 3 => "\"", _ => "${" };
                return Insert(rng, seed, string.Concat(Enumerable.Repeat(unit, rng.Next(10_000, 400_000))));
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
                return Insert(rng, seed, string.Concat(Enumerable.Repeat(slice, rng.Next(2, 2000))));
            default: // deletion
                var from = rng.Next(seed.Length);
                return seed.Remove(from, rng.Next(seed.Length - from + 1));
        }
    }

    private static string Insert(Random rng, string text, string insert) => text.Insert(rng.Next(text.Length + 1), insert);

    /// <summary>Parses and reads everything back; the timeout is only a guard against hangs.</summary>
    private void Run(string text)
    {
        var task = Task.Run(() => ParseAndRead(text));
        try
        {
            if (!task.Wait(CaseTimeout))
            {
                Assert.Fail($"parser did not finish within {CaseTimeout} for input: {Preview(text)}");
            }
        }
        catch (AggregateException e)
        {
            Assert.Fail($"unexpected {e.InnerException?.GetType().Name} for input {Preview(text)}: {e.InnerException}");
        }
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
