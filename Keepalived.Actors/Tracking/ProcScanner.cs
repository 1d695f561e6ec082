namespace Keepalived.Actors.Tracking;

/// <summary>
/// Counts the processes a <see cref="ProcessMatcher"/> accepts by reading /proc (or another
/// directory laid out like it, for tests). A process that ends while it is read is not counted.
/// keepalived follows forks, execs and exits with the netlink process connector; keepalived-net
/// scans instead (see <see cref="TrackProcessActor"/>).
/// </summary>
public sealed class ProcScanner(string root = "/proc")
{
    private readonly byte[] _buffer = new byte[4096];

    public int Count(ProcessMatcher matcher)
    {
        int count = 0;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var directory in entries)
        {
            var name = Path.GetFileName(directory.AsSpan());
            // keepalived looks only at entries starting with 1..9: the processes
            if (name.IsEmpty || name[0] is <= '0' or > '9') continue;
            if (Matches(matcher, directory)) count++;
        }
        return count;
    }

    private bool Matches(ProcessMatcher matcher, string directory)
    {
        if (matcher.FullCommand)
        {
            int length = Read(Path.Join(directory, "cmdline"), Math.Min(_buffer.Length, matcher.CommandLineBytes));
            return length >= 0 && matcher.MatchesCommandLine(_buffer.AsSpan(0, length));
        }
        int read = Read(Path.Join(directory, "stat"), 128);
        return read >= 0 && matcher.MatchesComm(ProcessMatcher.CommOf(_buffer.AsSpan(0, read)));
    }

    /// <summary>Up to <paramref name="max"/> bytes into the buffer; −1 when the file is gone.</summary>
    private int Read(string path, int max)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            int total = 0;
            while (total < max)
            {
                int n = RandomAccess.Read(handle, _buffer.AsSpan(total, max - total), total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
