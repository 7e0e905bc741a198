using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>A snapshot of one provider task, as a submit answer, a status answer or a callback body reports it.</summary>
/// <param name="TaskId">The provider's task id (FoxAPI <c>task-unified-…</c>, OpenAI <c>video_…</c>, APIXO <c>taskId</c>).</param>
/// <param name="Status">Normalised status.</param>
/// <param name="RawStatus">The provider's own status string.</param>
/// <param name="Progress">0–100 when the provider reports it.</param>
/// <param name="EstimatedTime">The provider's own estimate of the total generation time, when given.</param>
/// <param name="ResultUrls">Where the finished video can be fetched; empty until the provider has one.</param>
/// <param name="Error">For failed tasks: the mapped error code and the provider's message.</param>
/// <param name="PollAfter">How long the provider asks us to wait before the next status call, when it says.</param>
public sealed record ProviderTask(
    string TaskId,
    ProviderTaskStatus Status,
    string RawStatus,
    int? Progress = null,
    TimeSpan? EstimatedTime = null,
    IReadOnlyList<Uri>? ResultUrls = null,
    JobError? Error = null,
    TimeSpan? PollAfter = null)
{
    public IReadOnlyList<Uri> ResultUrls { get; init; } = ResultUrls ?? [];

    public bool IsTerminal => Status is ProviderTaskStatus.Succeeded or ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled;

    /// <summary>The provider is done with the task: it failed, was cancelled, or succeeded with a result to fetch.</summary>
    public bool IsSettled =>
        Status is ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled
        || (Status == ProviderTaskStatus.Succeeded && ResultUrls.Count > 0);
}
