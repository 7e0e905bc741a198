using Microsoft.DurableTask;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Uses its scoped <see cref="ScopeProbe"/> after yielding, and returns the probe's id.</summary>
public sealed class ScopedActivity(ScopeProbe probe) : TaskActivity<string, string>
{
    public const string Name = "Scoped";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Yield();
        return probe.Use();
    }
}
