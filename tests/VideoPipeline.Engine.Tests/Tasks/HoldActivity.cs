using Microsoft.DurableTask;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Holds until its host's <see cref="Hold"/> is released.</summary>
public sealed class HoldActivity(Hold hold) : TaskActivity<object?, string>
{
    public const string Name = nameof(Hold);

    public override Task<string> RunAsync(TaskActivityContext context, object? input) => hold.RunAsync();
}
