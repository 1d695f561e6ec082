using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Libc;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// One track_file (keepalived's track_file.c): creates it with <c>init_file</c>, reads the
/// number it holds and follows it with inotify on its directory (written, replaced, deleted:
/// a missing file is 0), publishing <see cref="TrackerValue"/> to the subscribers on every
/// change. A number out of range is logged and ignored, keeping the previous value. The file's
/// directory must exist at start, or it is not watched (keepalived removes such a track file)
/// and stays 0.
/// </summary>
public sealed class TrackFileActor : TrackerActor
{
    private readonly TrackedFile _config;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly byte[] _buffer = new byte[TrackFileValue.MaxRead];
    private InotifyWatch? _watch;
    private long _value;

    /// <summary>The file now holds <paramref name="Value"/> (0 when missing, empty or not a number).</summary>
    public sealed record TrackerValue(string Name, long Value);

    private sealed record Changed(WatchedFileEvent What);

    private sealed record WatchFailed(Exception Cause);

    public static Props Props(TrackedFile file)
    {
        var subscribers = new Subscribers();
        return FactoryProps.Create(() => new TrackFileActor(file, subscribers));
    }

    public TrackFileActor(TrackedFile config, Subscribers subscribers) : base(config.Name, subscribers)
    {
        _config = config;
        Path = ResolvePath(config.File ?? "");
        Receive<Changed>(c => OnChanged(c.What));
        Receive<WatchFailed>(f => throw new IOException($"track file {Name}: inotify failed", f.Cause));
        ReceiveAny(Unhandled);
    }

    /// <summary>The file's absolute path (keepalived resolves the directory with realpath).</summary>
    private string Path { get; }

    protected override void PreStart()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is null || !Directory.Exists(directory))
        {
            _log.Error("Track file directory for {File} does not exist - removing", Name);
            Publish(new TrackerValue(Name, 0));
            return;
        }
        if (_config.InitFile) Initialise();
        try
        {
            _watch = new InotifyWatch(directory, System.IO.Path.GetFileName(Path));
        }
        catch (ErrnoException ex)
        {
            _log.Error("Unable to monitor track file {File}: {Error}", Name, ex.Message);
        }
        // watch first, then read: a write in between is seen twice rather than missed
        ReadFile();
        Publish(new TrackerValue(Name, _value));
        var self = Self;
        _watch?.Start(e => self.Tell(new Changed(e)), ex => self.Tell(new WatchFailed(ex)));
    }

    protected override void PostStop() => _watch?.Dispose();

    private static string ResolvePath(string file)
    {
        var full = System.IO.Path.GetFullPath(file);
        try
        {
            // as realpath: a symbolic link (the file's or its directory's) is followed
            var directory = System.IO.Path.GetDirectoryName(full);
            if (directory is not null && new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                full = System.IO.Path.Combine(target.FullName, System.IO.Path.GetFileName(full));
            if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } fileTarget)
                full = fileTarget.FullName;
        }
        catch (IOException) { }
        return full;
    }

    /// <summary>init_file: write the initial value unless the file exists (and overwrite was not given).</summary>
    private void Initialise()
    {
        if (File.Exists(Path) && !_config.InitOverwrite) return;
        if (Directory.Exists(Path))
        {
            _log.Error("Cannot initialise track file {File} - it is not a regular file", Name);
            return;
        }
        try
        {
            File.WriteAllText(Path, $"{_config.InitValue}\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error("Unable to initialise track file {File}: {Error}", Name, ex.Message);
        }
    }

    private void OnChanged(WatchedFileEvent what)
    {
        switch (what)
        {
            case WatchedFileEvent.Removed:
                // keepalived treats a file that disappeared as holding 0
                _value = 0;
                break;
            case WatchedFileEvent.WatchLost:
                _log.Warning("Track file {File}: its directory went away, no longer watched", Name);
                return;
            default:
                ReadFile();
                break;
        }
        Publish(new TrackerValue(Name, _value));
    }

    /// <summary>Reads the value; a file that cannot be opened or is empty holds 0.</summary>
    private void ReadFile()
    {
        int length;
        try
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = RandomAccess.Read(handle, _buffer, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            length = 0;
        }
        if (!TrackFileValue.TryParse(_buffer.AsSpan(0, length), out var value))
        {
            _log.Info("Invalid number read from {Path} - ignoring", Path);
            return;
        }
        _value = value;
    }
}
