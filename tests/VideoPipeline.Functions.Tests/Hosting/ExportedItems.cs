using System.Collections.ObjectModel;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// What an in-memory exporter exported, safe to read while the app still exports: spans end on the engine's and
/// Kestrel's threads while a test reads them.
/// </summary>
public sealed class ExportedItems<T> : Collection<T>
{
    private readonly Lock _lock = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}
