using VideoPipeline.Bench;
using VideoPipeline.Bench.Batches;
using VideoPipeline.Bench.Emulator;

IBenchmarkCommand[] commands =
[
    new EmulatorMemoryBenchmark(),
    new VideoPipeline.Bench.Archive.ArchiveThroughputBenchmark(),
    new VideoPipeline.Bench.Polling.PollingLatencyBenchmark(),
    new VideoPipeline.Bench.Runtime.RuntimeThroughputBenchmark(),
    new VideoPipeline.Bench.Waiting.WaitingCostBenchmark(),
    new VideoPipeline.Bench.Latency.CompletionLatencyBenchmark(),
    new BatchMakespanBenchmark(),
];

var command = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (command is null)
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/VideoPipeline.Bench -- <command> [args]");
    foreach (var known in commands)
    {
        Console.Error.WriteLine($"  {known.Name,-18} {known.Description}");
    }

    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await command.RunAsync(args[1..], Console.Out, cancellation.Token);
