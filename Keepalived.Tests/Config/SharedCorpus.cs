namespace Keepalived.Tests.Config;

/// <summary>
/// The real-world configurations of <c>../shared/corpus</c> (beside the repository), and a host
/// with the interfaces keepalived's reference verdicts were recorded with.
/// </summary>
internal static class SharedCorpus
{
    /// <summary>The corpus directory, or null when the repository has no <c>../shared</c> beside it.</summary>
    public static string? Directory { get; } = Find();

    /// <summary>A corpus file by its path relative to the corpus (as in expected.tsv).</summary>
    public static string File(string relative) => Path.Combine(Directory ?? "", relative);

    /// <summary>The interfaces of verdicts.sh's namespace (and lo).</summary>
    public static FakeHost Host() => new("eth0", "eth1", "eth2", "eth3", "ens32", "ens33", "enp0s3", "lo");

    private static string? Find()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "..", "shared", "corpus");
            if (System.IO.Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
