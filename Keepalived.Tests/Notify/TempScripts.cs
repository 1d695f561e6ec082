using Keepalived.Actors.Config.Model;

namespace Keepalived.Tests.Notify;

/// <summary>
/// A temporary directory of shell scripts for notify tests, deleted on dispose. Scripts are
/// configured as the security check leaves an executable file: run with exec, not through sh.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class TempScripts : IDisposable
{
    public TempScripts() => Directory = System.IO.Directory.CreateTempSubdirectory("ka-notify-").FullName;

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes an executable <c>#!/bin/sh</c> script and returns it configured with <paramref name="args"/> after its path.</summary>
    public NotifyScript Script(string name, string body, params string[] args)
    {
        var path = PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return new NotifyScript([path, .. args], $"test {name}", default) { ExecutablePath = path, Uid = 0, Gid = 0 };
    }

    /// <summary>A script appending its arguments as one line to <paramref name="output"/>.</summary>
    public NotifyScript Recorder(string name, string output, params string[] args) =>
        Script(name, $"echo \"$*\" >> '{PathOf(output)}'", args);

    /// <summary>The lines written to <paramref name="output"/> so far (none if it does not exist yet).</summary>
    public string[] Lines(string output) => File.Exists(PathOf(output)) ? File.ReadAllLines(PathOf(output)) : [];

    /// <summary>Reads <paramref name="count"/> lines from a FIFO a notify actor holds open read-write (so opening it to read does not block).</summary>
    public static string[] ReadFifoLines(string fifo, int count)
    {
        var read = Task.Run(() =>
        {
            using var reader = new StreamReader(new FileStream(fifo, FileMode.Open, FileAccess.Read));
            return Enumerable.Range(0, count).Select(_ => reader.ReadLine() ?? "").ToArray();
        });
        Assert.True(read.Wait(TimeSpan.FromSeconds(5)), "the FIFO did not hold the expected lines");
        return read.Result;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
