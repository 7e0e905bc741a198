using System.Collections.Concurrent;

namespace VideoPipeline.Bench.Runtime;

/// <summary>Counts storage requests per <see cref="StorageOperation"/> class.</summary>
internal sealed class StorageCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(AzuriteRequest request) => _counts.AddOrUpdate(StorageOperation.Classify(request), 1, (_, n) => n + 1);

    public Dictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    /// <summary>Per-class counts in <paramref name="after"/> minus those in <paramref name="before"/>.</summary>
    public static Dictionary<string, long> Difference(Dictionary<string, long> after, Dictionary<string, long> before) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key), StringComparer.Ordinal)
            .Where(p => p.Value != 0)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
