using VideoPipeline.Local.Runtime;

namespace VideoPipeline.Local.Tests.Runtime;

internal static class GateRegistration
{
    /// <summary>An activity "Gate" that returns once the test opens the gate.</summary>
    public static LocalRuntimeBuilder AddGate(this LocalRuntimeBuilder runtime, TaskCompletionSource gate) =>
        runtime.AddActivity<string?, bool>("Gate", async (_, _, cancellationToken) =>
        {
            await gate.Task.WaitAsync(cancellationToken);
            return true;
        });
}
