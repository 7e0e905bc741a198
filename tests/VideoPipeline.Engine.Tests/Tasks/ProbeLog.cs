using System.Collections.Concurrent;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Which <see cref="ScopeProbe"/>s their service scope has disposed.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentDictionary<string, bool> _disposed = new();

    public void Disposed(string probeId) => _disposed[probeId] = true;

    public bool WasDisposed(string probeId) => _disposed.ContainsKey(probeId);
}
