using DurableTask.Core;
using Microsoft.DurableTask.Client;

namespace VideoPipeline.Engine;

/// <summary>
/// The SDK's client options (data converter, default version) plus the orchestration service client to talk to,
/// taken from dependency injection unless set.
/// </summary>
internal sealed class OrchestrationServiceClientOptions : DurableTaskClientOptions
{
    public IOrchestrationServiceClient? Client { get; set; }
}
