using Keepalived.Actors.Kernel.Scripts;
using System.Diagnostics.Tracing;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Bench;

/// <summary>
/// Which types a configuration load allocates, sampled by the runtime's AllocationTick event
/// (one sample per ~100 KB), after a warm-up load.
/// Usage: dotnet run -c Release -- allocs FILE
/// </summary>
public static class ConfigAllocations
{
    public static void Run(string file)
    {
        var options = new ConfigLoadOptions { Parser = new ConfigParserOptions { ConfigTest = true }, Scripts = LocalScriptHost.Instance };
        KeepalivedConfigLoader.Load(file, options);
        using var listener = new AllocationListener();
        KeepalivedConfigLoader.Load(file, options);
        listener.Stop();
        var total = listener.Bytes.Values.Sum();
        Console.WriteLine($"sampled {total / 1048576.0:F1} MiB");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(kv => kv.Value).Take(30))
            Console.WriteLine($"{bytes / 1048576.0,8:F1} MiB  {type}");
    }

    private sealed class AllocationListener : EventListener
    {
        private volatile bool _stopped;

        public Dictionary<string, long> Bytes { get; } = [];

        public void Stop() => _stopped = true;

        protected override void OnEventSourceCreated(EventSource source)
        {
            // GC keyword, verbose level: GCAllocationTick_V4 carries the type name.
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (_stopped || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
            var name = e.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? e.Payload[i] as string ?? "?" : "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(e.Payload[j]) : 100_000;
            lock (Bytes) Bytes[name] = Bytes.GetValueOrDefault(name) + amount;
        }
    }
}
