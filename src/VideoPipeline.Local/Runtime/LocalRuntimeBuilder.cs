using System.Text.Json;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>Registers the orchestrators and activities the local durable runtime runs, by name.</summary>
public sealed class LocalRuntimeBuilder
{
    internal LocalRuntimeRegistry Registry { get; } = new();

    /// <summary>
    /// Adds an orchestrator. Its input and output pass through JSON (<see cref="PipelineJson"/>), and it must follow the
    /// determinism rules: it is re-run from the start whenever its instance is loaded.
    /// </summary>
    public LocalRuntimeBuilder AddOrchestrator<TInput, TOutput>(
        string name, Func<IOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(orchestrator);
        Registry.Add(new OrchestratorRegistration(name, async (context, inputJson) =>
        {
            var input = JsonSerializer.Deserialize<TInput>(inputJson, PipelineJson.Options);
            var output = await orchestrator(context, input!);
            return JsonSerializer.Serialize(output, PipelineJson.Options);
        }));
        return this;
    }

    /// <summary>
    /// Adds an activity. Each call gets its own DI scope (the <see cref="IServiceProvider"/> passed in) and a token that
    /// is cancelled when the runtime stops or the instance ends. Activities run at least once: one interrupted by a
    /// crash before its result was journaled runs again.
    /// </summary>
    public LocalRuntimeBuilder AddActivity<TInput, TOutput>(
        string name, Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(activity);
        Registry.Add(new ActivityRegistration(name, async (services, inputJson, cancellationToken) =>
        {
            var input = JsonSerializer.Deserialize<TInput>(inputJson, PipelineJson.Options);
            var output = await activity(services, input!, cancellationToken);
            return JsonSerializer.Serialize(output, PipelineJson.Options);
        }));
        return this;
    }
}
