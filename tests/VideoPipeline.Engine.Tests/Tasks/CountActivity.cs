using Microsoft.DurableTask;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Counts its runs in the <see cref="RecoveryLog"/>.</summary>
public sealed class CountActivity(RecoveryLog log) : TaskActivity<object?, object?>
{
    public const string Name = "Count";

    public override Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        log.Count();
        return Task.FromResult<object?>(null);
    }
}
