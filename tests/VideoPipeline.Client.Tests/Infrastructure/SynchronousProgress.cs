namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>Reports inline, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
