using System.Collections.Concurrent;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>What the recovery orchestration's activities did, across the hosts of one test.</summary>
public sealed class RecoveryLog
{
    private readonly ConcurrentQueue<string> _holdStarts = new();
    private int _counted;

    public IReadOnlyList<string> HoldStarts => [.. _holdStarts];

    public int Counted => Volatile.Read(ref _counted);

    public void HoldStarted(string workerId) => _holdStarts.Enqueue(workerId);

    public void Count() => Interlocked.Increment(ref _counted);
}
