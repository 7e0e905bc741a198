using System.Collections.Concurrent;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Named gates the <see cref="GateActivity"/> waits at, so a test decides when an orchestration moves on.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Opened)> _gates = new();

    public Task Reached(string name) => Get(name).Reached.Task;

    public void Open(string name) => Get(name).Opened.TrySetResult();

    public async Task PassAsync(string name)
    {
        var gate = Get(name);
        gate.Reached.TrySetResult();
        await gate.Opened.Task;
    }

    private (TaskCompletionSource Reached, TaskCompletionSource Opened) Get(string name) => _gates.GetOrAdd(name, _ => (
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
}
