using Keepalived.Actors.Kernel.Scripts;
using System.Diagnostics;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Bench;

/// <summary>
/// Times reading and validating a configuration in-process (no process start-up), as the
/// median of several runs after a warm-up, with the allocation of one run.
/// Usage: dotnet run -c Release -- config FILE [RUNS]
/// </summary>
public static class ConfigLoad
{
    public static void Run(string file, int runs)
    {
        var options = new ConfigLoadOptions { Parser = new ConfigParserOptions { ConfigTest = true }, Scripts = LocalScriptHost.Instance };
        var heapBefore = GC.GetTotalMemory(true);
        var warm = KeepalivedConfigLoader.Load(file, options);
        var retained = GC.GetTotalMemory(true) - heapBefore;
        Console.WriteLine($"{file}: exit code {warm.ExitCode}, {warm.Diagnostics.All.Count} diagnostics, retained {retained / 1048576.0:F1} MiB");
        GC.KeepAlive(warm);
        var times = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            KeepalivedConfigLoader.Load(file, options);
            sw.Stop();
            process.Refresh();
            // CPU of all threads (GC and JIT included): less disturbed by other load than wall time.
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"runs {runs}: median {times[runs / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms; CPU median {cpu[runs / 2]:F0} ms, min {cpu[0]:F0} ms; allocated {allocated / 1048576.0:F1} MiB per run");
    }
}

/// <summary>Where the time goes: the line reader alone, then with tokenizing.</summary>
public static class ConfigStages
{
    public static void Run(string file)
    {
        for (var round = 0; round < 3; round++)
        {
            var sw0 = Stopwatch.StartNew();
            var d0 = new ConfigDiagnostics();
            var f0 = new ConfigFileStack(d0, Directory.GetCurrentDirectory());
            f0.Open(file, IncludeType.None);
            long n0 = 0, c0 = 0;
            while (f0.ReadPhysicalLine() is { } l0) { n0++; c0 += LineReader.Decomment(l0, d0).Length; }
            Console.WriteLine($"physical+decomment {n0}: {sw0.Elapsed.TotalMilliseconds:F1} ms");
            var sw = Stopwatch.StartNew();
            var diagnostics = new ConfigDiagnostics();
            var files = new ConfigFileStack(diagnostics, Directory.GetCurrentDirectory());
            files.Open(file, IncludeType.None);
            var reader = new LineReader(files, diagnostics, "x");
            long lines = 0, words = 0;
            while (reader.ReadLine() is { } line)
            {
                lines++;
                words += Tokens.Split(line, diagnostics)?.Count ?? 0;
            }
            Console.WriteLine($"read+split {lines} lines {words} words: {sw.Elapsed.TotalMilliseconds:F1} ms");
        }
    }
}

/// <summary>Parse and validation timed apart, with the real sections.</summary>
public static class ConfigPhases
{
    public static void Run(string file)
    {
        for (var round = 0; round < 5; round++)
        {
            var diagnostics = new ConfigDiagnostics();
            var parser = new ConfigParser(diagnostics, new ConfigParserOptions { ConfigTest = true });
            var config = new Keepalived.Actors.Config.Model.KeepalivedConfig();
            var context = new SectionContext(parser, config, ConfigHost.Local) { Scripts = LocalScriptHost.Instance };
            IConfigSection[] sections = [new Keepalived.Actors.Config.Vrrp.VrrpSection(context), new Keepalived.Actors.Config.Check.CheckSection(context), new Keepalived.Actors.Config.Global.GlobalSection(context)];
            var root = new KeywordTable();
            foreach (var s in sections.Reverse()) s.Install(root);
            var gcs = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            var sw = Stopwatch.StartNew();
            parser.Parse(file, root);
            var parse = sw.Elapsed.TotalMilliseconds;
            Console.Write($"gen0 GCs {GC.CollectionCount(0) - gcs}, gen2 {GC.CollectionCount(2) - gen2}, pause total {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms; ");
            var times = new List<string>();
            foreach (var s in sections)
            {
                sw.Restart();
                s.Validate();
                times.Add($"{s.GetType().Name} {sw.Elapsed.TotalMilliseconds:F1}");
            }
            Console.WriteLine($"parse {parse:F1} ms; validate: {string.Join(", ", times)}");
        }
    }
}
