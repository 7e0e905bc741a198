using DurableTask.Core;
using Microsoft.DurableTask.Worker;

namespace VideoPipeline.Engine;

/// <summary>
/// The SDK's worker options (data converter, timer interval) plus the orchestration service the worker runs on,
/// taken from dependency injection unless set.
/// </summary>
internal sealed class OrchestrationServiceWorkerOptions : DurableTaskWorkerOptions
{
    public IOrchestrationService? Service { get; set; }
}
