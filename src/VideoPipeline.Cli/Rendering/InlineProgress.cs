namespace VideoPipeline.Cli.Rendering;

/// <summary>
/// Reports on the caller's thread, in order. <see cref="Progress{T}"/> posts to the thread pool, so a late report
/// could draw over the final state.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
