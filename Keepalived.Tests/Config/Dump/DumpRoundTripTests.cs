using Keepalived.Actors.Config;

namespace Keepalived.Tests.Config.Dump;

/// <summary>
/// <c>-d</c> writes the configuration as keepalived-net understood it. For every corpus
/// configuration keepalived accepts, that dump must read back without complaint and dump to the
/// same text: nothing lost, nothing invented.
/// </summary>
public sealed class DumpRoundTripTests
{
    public static IEnumerable<object[]> CleanCorpusConfigs()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !Directory.Exists(Path.Combine(dir, "..", "shared", "corpus")))
            dir = Path.GetDirectoryName(dir);
        if (dir is null) yield break;
        var corpus = Path.GetFullPath(Path.Combine(dir, "..", "shared", "corpus"));
        foreach (var line in File.ReadAllLines(Path.Combine(corpus, "expected.tsv")))
        {
            var cols = line.Split('\t');
            if (cols.Length >= 2 && cols[1] == "0") yield return [cols[0]];
        }
    }

    [Theory]
    [MemberData(nameof(CleanCorpusConfigs))]
    public void The_dump_reads_back_to_the_same_dump(string corpusFile)
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir!, "..", "shared", "corpus"))) dir = Path.GetDirectoryName(dir);
        var path = Path.GetFullPath(Path.Combine(dir!, "..", "shared", "corpus", corpusFile));
        var host = new FakeHost("eth0", "eth1", "eth2", "eth3", "ens32", "ens33", "enp0s3", "lo");
        var first = ConfigText.Load(File.ReadAllText(path), host);
        var dump = first.Dump();
        var second = ConfigText.Load(dump, host);
        Assert.Equal(first.ExitCode, second.ExitCode);
        Assert.Equal(dump, second.Dump());
    }
}
