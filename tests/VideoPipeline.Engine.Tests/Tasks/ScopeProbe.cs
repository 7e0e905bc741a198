namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>A scoped service that refuses use after its scope is disposed, and reports the disposal.</summary>
public sealed class ScopeProbe(ProbeLog log) : IAsyncDisposable
{
    private volatile bool _disposed;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Use() => _disposed ? throw new ObjectDisposedException(nameof(ScopeProbe), "The activity's scope ended before the activity did.") : Id;

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        log.Disposed(Id);
        return ValueTask.CompletedTask;
    }
}
