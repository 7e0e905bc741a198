using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// One provider dialect. Failures throw <see cref="ProviderException"/> with a code from <see cref="ErrorCodes"/>.
/// </summary>
public interface IVideoProviderClient
{
    ProviderName Provider { get; }

    /// <summary>Creates the provider task. Never retried internally: a retry could pay twice.</summary>
    Task<ProviderTask> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default);

    Task<ProviderTask> GetStatusAsync(string model, string taskId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the task; returns false when the provider has no way to cancel.</summary>
    Task<bool> CancelAsync(string model, string taskId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the generated video at the provider; returns false when the provider has no way to.</summary>
    Task<bool> DeleteAsync(string model, string taskId, CancellationToken cancellationToken = default);

    /// <summary>Opens the finished video with whatever auth the provider needs for it.</summary>
    Task<ResultContent> OpenResultAsync(ProviderTask task, CancellationToken cancellationToken = default);

    /// <summary>Reads a callback or webhook body. The result is a hint only: confirm with <see cref="GetStatusAsync"/>.</summary>
    ProviderTask ParseCallback(ReadOnlySpan<byte> body);
}
