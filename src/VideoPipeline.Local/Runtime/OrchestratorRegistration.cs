using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>An orchestrator by name, taking and returning JSON so replay always sees what the journal holds.</summary>
internal sealed record OrchestratorRegistration(string Name, Func<IOrchestrationContext, string, Task<string>> InvokeAsync);
