using BenchmarkDotNet.Running;
using Keepalived.Bench;

// dotnet run -c Release -- latency          : per-round-trip percentiles
// dotnet run -c Release -- config FILE [N]  : configuration read + validate, median of N
// dotnet run -c Release -- --filter '*'     : BenchmarkDotNet suites
if (args is ["latency", ..])
    RoundTripLatency.Run();
else if (args is ["memory", ..])
    ActorMemory.Run(args.Length > 1 ? int.Parse(args[1]) : 20_000);
else if (args is ["phases", var phasesFile])
    ConfigPhases.Run(phasesFile);
else if (args is ["allocs", var allocsFile])
    ConfigAllocations.Run(allocsFile);
else if (args is ["stages", var stagesFile])
    ConfigStages.Run(stagesFile);
else if (args is ["config", var file, ..])
    ConfigLoad.Run(file, args.Length > 2 ? int.Parse(args[2]) : 5);
else
    BenchmarkSwitcher.FromAssembly(typeof(ActorBenchmarks).Assembly).Run(args);
