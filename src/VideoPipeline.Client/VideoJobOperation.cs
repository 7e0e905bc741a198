using Azure;
using Azure.Core;
using VideoPipeline.Client.Http;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client;

/// <summary>
/// A video job as a long-running operation. It completes when the job ends: with the job as its value when it
/// succeeded; a failed or cancelled job throws <see cref="RequestFailedException"/> with the job's error code (e.g.
/// <c>content_violation</c>) as <see cref="RequestFailedException.ErrorCode"/>, as Azure SDK operations do.
/// Waiting honours the service's <c>Retry-After</c> hint.
/// </summary>
public class VideoJobOperation : Operation<VideoJob>
{
    // Used when the service gives no Retry-After; its hint wins when longer.
    private static readonly DelayStrategy FallbackDelay = DelayStrategy.CreateFixedDelayStrategy(TimeSpan.FromSeconds(1));

    private readonly VideoPipelineClient _client;
    private Response? _rawResponse;
    private VideoJob? _job;
    private RequestFailedException? _failure;

    /// <summary>Resumes watching a job started earlier (for example by another process).</summary>
    /// <param name="id">The job id.</param>
    /// <param name="client">The client to read the job with.</param>
    public VideoJobOperation(string id, VideoPipelineClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(client);
        Id = id;
        _client = client;
    }

    internal VideoJobOperation(string id, VideoPipelineClient client, Response accepted)
        : this(id, client)
    {
        _rawResponse = accepted;
    }

    /// <summary>For mocking.</summary>
    protected VideoJobOperation()
    {
        Id = null!;
        _client = null!;
    }

    /// <summary>The job id.</summary>
    public override string Id { get; }

    /// <summary>The job as last read by <see cref="UpdateStatusAsync"/>; null before the first read.</summary>
    public virtual VideoJob? Job => _job;

    /// <summary>The archived job, once it has succeeded.</summary>
    /// <exception cref="RequestFailedException">The job failed or was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The job has not ended yet.</exception>
    public override VideoJob Value => HasValue
        ? _job!
        : throw _failure ?? (Exception)new InvalidOperationException($"Job '{Id}' has not ended yet.");

    /// <summary>True once the job has ended (succeeded, failed or cancelled).</summary>
    public override bool HasCompleted => _job?.Status.IsFinal == true;

    /// <summary>True once the job has succeeded.</summary>
    public override bool HasValue => _job?.Status == VideoJobStatus.Succeeded;

    /// <summary>The last answer: the job view, or the 202 that started the job.</summary>
    /// <exception cref="InvalidOperationException">A resumed operation has not read the job yet.</exception>
    public override Response GetRawResponse() =>
        _rawResponse ?? throw new InvalidOperationException($"Job '{Id}' has not been read yet; call UpdateStatusAsync.");

    /// <summary>Reads the job once (<c>GET /api/videos/{id}</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The job failed or was cancelled, or the request failed.</exception>
    public override async ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        Update(HasCompleted ? null : await _client.GetJobAsync(Id, cancellationToken).ConfigureAwait(false));

    /// <summary>Reads the job once (<c>GET /api/videos/{id}</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The job failed or was cancelled, or the request failed.</exception>
    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        Update(HasCompleted ? null : _client.GetJob(Id, cancellationToken));

    /// <summary>Reads the job until it ends, waiting as long as the service's <c>Retry-After</c> asks between reads.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="RequestFailedException">The job failed or was cancelled, or a request failed.</exception>
    public override ValueTask<Response<VideoJob>> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(progress: null, cancellationToken);

    /// <summary>
    /// Reads the job until it ends, reporting every read, and waiting as long as the service's <c>Retry-After</c>
    /// asks between reads.
    /// </summary>
    /// <param name="progress">Told the job after every read: status, phase, provider progress.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="RequestFailedException">The job failed or was cancelled, or a request failed.</exception>
    public virtual async ValueTask<Response<VideoJob>> WaitForCompletionAsync(
        IProgress<VideoJob>? progress, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException) when (HasCompleted)
            {
                // The job failed or was cancelled: that final view is reported too.
                progress?.Report(_job!);
                throw;
            }

            progress?.Report(_job!);
            if (HasCompleted)
            {
                return Response.FromValue(Value, GetRawResponse());
            }

            await Task.Delay(FallbackDelay.GetNextDelay(_rawResponse, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private Response Update(Response<VideoJob>? read)
    {
        if (read is not null)
        {
            _job = read.Value;
            _rawResponse = read.GetRawResponse();
            if (_job.Status.IsFinal && !HasValue)
            {
                _failure = new RequestFailedException(_rawResponse, null, ProblemDetailsParser.Instance);
            }
        }

        return _failure is not null ? throw _failure : _rawResponse!;
    }
}
