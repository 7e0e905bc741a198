using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow;

/// <summary>Identifies one provider task, the input of status, cancel and delete activities.</summary>
public sealed record ProviderTaskRef(ProviderName Provider, string Model, string TaskId);
