using BenchmarkDotNet.Running;
using Keepalived.Bench;

// dotnet run -c Release -- latency          : per-round-trip percentiles
// dotnet run -c Release -- --filter '*'     : BenchmarkDotNet suites
if (args is ["latency", ..])
    RoundTripLatency.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(ActorBenchmarks).Assembly).Run(args);
