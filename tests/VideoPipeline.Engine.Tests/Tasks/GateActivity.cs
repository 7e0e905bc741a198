using Microsoft.DurableTask;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>Waits at the gate named by its input.</summary>
public sealed class GateActivity(Gates gates) : TaskActivity<string, string>
{
    public const string Name = "Gate";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await gates.PassAsync(input);
        return input;
    }
}
