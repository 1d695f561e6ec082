using System.Text;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Config.Fuzz;

/// <summary>
/// Mutated real-world configurations (the shared corpus) through the whole loader: it must
/// always return — no exception, no hang — and every parse-time rejection must name a file and
/// a line. Seeded, so a failure is reproducible from the case number in the message.
/// </summary>
public sealed class ConfigFuzzTests : IDisposable
{
    private static readonly ConfigErrorKind[] PositionedKinds =
    [
        ConfigErrorKind.UnknownKeyword, ConfigErrorKind.UnexpectedBob, ConfigErrorKind.MissingBob,
        ConfigErrorKind.UnmatchedQuote, ConfigErrorKind.InvalidNumber, ConfigErrorKind.MissingParameter,
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("kafuzz").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 8).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_corpus_configs_never_crash_or_hang(int seed)
    {
        var files = SharedCorpus.Directory is { } corpus ? Directory.GetFiles(corpus, "*.conf", SearchOption.AllDirectories) : [];
        Assert.NotEmpty(files);
        var random = new Random(seed);
        for (var i = 0; i < 60; i++)
        {
            var original = File.ReadAllBytes(files[random.Next(files.Length)]);
            var mutated = Mutate(original, random, out var how);
            var path = Path.Combine(_dir, $"case-{seed}-{i}.conf");
            File.WriteAllBytes(path, mutated);
            // A helper include that points back at the case: include cycles are one of the mutations.
            File.WriteAllText(Path.Combine(_dir, "cycle.conf"), $"include {Path.GetFileName(path)}\n");
            RunBounded(path, $"seed {seed} case {i} ({how})");
        }
    }

    private void RunBounded(string path, string label)
    {
        ConfigLoadResult? result = null;
        Exception? failure = null;
        // A thread of its own with a large stack: a hang or a runaway recursion shows as a failure, not a dead runner.
        var thread = new Thread(() =>
        {
            try
            {
                result = KeepalivedConfigLoader.Load(path, new ConfigLoadOptions
                {
                    Parser = new ConfigParserOptions { ConfigTest = true, WorkingDirectory = _dir, RandomSeed = 1 },
                    Host = SharedCorpus.Host(),
                    Scripts = LocalScriptHost.Instance,
                });
            }
            catch (Exception ex) { failure = ex; }
        }, 16 << 20);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), $"{label}: still running after 30 s");
        Assert.True(failure is null, $"{label}: {failure}");
        foreach (var d in result!.Diagnostics.All.Where(d => PositionedKinds.Contains(d.Kind)))
            Assert.True(d.File is not null && d.Line > 0, $"{label}: no position on '{d}'");
        _ = result.Dump();
    }

    private static byte[] Mutate(byte[] input, Random r, out string how)
    {
        var text = Encoding.UTF8.GetString(input);
        switch (r.Next(8))
        {
            case 0:
                how = "truncation";
                return input[..r.Next(input.Length + 1)];
            case 1:
                how = "byte flips";
                var flipped = (byte[])input.Clone();
                for (var k = 0; k < 1 + r.Next(20) && flipped.Length > 0; k++) flipped[r.Next(flipped.Length)] ^= (byte)(1 << r.Next(8));
                return flipped;
            case 2:
                how = "deep nesting";
                return Encoding.UTF8.GetBytes(text.Insert(r.Next(text.Length + 1), new string('{', 5000) + "\n" + new string('}', r.Next(5000))));
            case 3:
                how = "huge token";
                return Encoding.UTF8.GetBytes(text.Insert(r.Next(text.Length + 1), " " + new string((char)('a' + r.Next(26)), 100_000) + " "));
            case 4:
                how = "include cycle";
                return Encoding.UTF8.GetBytes("include cycle.conf\n" + text);
            case 5:
                how = "binary garbage";
                var garbage = new byte[r.Next(1, 4096)];
                r.NextBytes(garbage);
                return [.. input[..r.Next(input.Length + 1)], .. garbage];
            case 6:
                how = "lines shuffled";
                var lines = text.Split('\n');
                r.Shuffle(lines);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            default:
                how = "preprocessor noise";
                string[] noise = ["$X=$X$X", "~SEQ(i, 1, 1, 100) kw $i", "@", "@^", "~LST({a}, {1})", "include ./*", "$M=\\", "${_RANDOM 1 9}", "\"", "\\"];
                return Encoding.UTF8.GetBytes(text.Insert(r.Next(text.Length + 1), "\n" + noise[r.Next(noise.Length)] + "\n"));
        }
    }
}
