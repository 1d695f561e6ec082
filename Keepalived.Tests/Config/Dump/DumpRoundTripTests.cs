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
        if (SharedCorpus.Directory is not { } corpus) yield break;
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
        var path = SharedCorpus.File(corpusFile);
        var host = SharedCorpus.Host();
        var first = ConfigText.Load(File.ReadAllText(path), host);
        var dump = first.Dump();
        var second = ConfigText.Load(dump, host);
        Assert.Equal(first.ExitCode, second.ExitCode);
        Assert.Equal(dump, second.Dump());
    }
}
