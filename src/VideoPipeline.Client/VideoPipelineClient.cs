using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VideoPipeline.Client.Http;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client;

/// <summary>
/// The client of a VideoPipeline host (the Azure Functions app, or the local host at <c>http://127.0.0.1:7071</c>):
/// starts video jobs as long-running operations, reads, lists and cancels them, starts batches, downloads the verified
/// MP4 and lists the model catalogue. Requests go through the Azure.Core pipeline, with its retries; a job start
/// always carries an Idempotency-Key, so a retried start never starts a second job. Failed requests throw
/// <see cref="RequestFailedException"/> with the problem's field errors in <see cref="Exception.Data"/>.
/// </summary>
public class VideoPipelineClient
{
    private static readonly ResponseClassifier Ok = new StatusCodeClassifier([200]);
    private static readonly ResponseClassifier Accepted = new StatusCodeClassifier([202]);
    private static readonly ResponseClassifier Found = new StatusCodeClassifier([302]);

    private readonly HttpPipeline _pipeline;
    private readonly ContentDownloader _downloader;

    /// <summary>Creates a client for a host that needs no key (the local host as <c>./run.sh</c> starts it).</summary>
    /// <param name="endpoint">The host's base URL, e.g. <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="options">Retries, diagnostics and transport.</param>
    public VideoPipelineClient(Uri endpoint, VideoPipelineClientOptions? options = null)
        : this(endpoint, authentication: null, options ?? new VideoPipelineClientOptions())
    {
    }

    /// <summary>Creates a client that sends a Functions key (<c>x-functions-key</c>).</summary>
    /// <param name="endpoint">The host's base URL, e.g. <c>https://myapp.azurewebsites.net</c>.</param>
    /// <param name="credential">The function or host key; <c>AzureKeyCredential.Update</c> rotates it.</param>
    /// <param name="options">Retries, diagnostics and transport.</param>
    public VideoPipelineClient(Uri endpoint, AzureKeyCredential credential, VideoPipelineClientOptions? options = null)
        : this(endpoint, new FunctionKeyPolicy(credential ?? throw new ArgumentNullException(nameof(credential))),
            options ?? new VideoPipelineClientOptions())
    {
    }

    /// <summary>
    /// Creates a client that sends Microsoft Entra bearer tokens, for a Functions app behind App Service Authentication
    /// (Easy Auth). Set <see cref="VideoPipelineClientOptions.Audience"/> to the audience the app accepts.
    /// </summary>
    /// <param name="endpoint">The host's base URL.</param>
    /// <param name="credential">Where tokens come from, e.g. <c>DefaultAzureCredential</c>.</param>
    /// <param name="options">The audience, retries, diagnostics and transport.</param>
    /// <exception cref="ArgumentException">The options name no audience.</exception>
    public VideoPipelineClient(Uri endpoint, TokenCredential credential, VideoPipelineClientOptions options)
        : this(endpoint, BearerPolicy(credential, options), options)
    {
    }

    /// <summary>For mocking.</summary>
    protected VideoPipelineClient()
    {
        Endpoint = null!;
        _pipeline = null!;
        _downloader = null!;
    }

    private VideoPipelineClient(Uri endpoint, HttpPipelinePolicy? authentication, VideoPipelineClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _pipeline = HttpPipelineBuilder.Build(options, authentication is null ? [] : [authentication]);
        // The video is fetched from a SAS URL in Blob Storage: no key or token of the pipeline may go there.
        _downloader = new ContentDownloader(HttpPipelineBuilder.Build(options));
    }

    /// <summary>The host's base URL.</summary>
    public virtual Uri Endpoint { get; }

    /// <summary>
    /// Starts a job (<c>POST /api/videos</c>) and returns it as a long-running operation; await
    /// <see cref="VideoJobOperation.WaitForCompletionAsync(CancellationToken)"/> for the archived video.
    /// </summary>
    /// <param name="request">The job.</param>
    /// <param name="idempotencyKey">
    /// Names the job: the same key always answers the same job (and 422 for different parameters). A new key is made
    /// when none is given, so the pipeline's own retries cannot start a second job either.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The request was refused (400 lists every failing field) or failed.</exception>
    public virtual async Task<VideoJobOperation> StartJobAsync(
        VideoJobRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateMessage(RequestMethod.Post, Accepted, "/api/videos");
        message.Request.Headers.SetValue("Idempotency-Key", idempotencyKey ?? NewIdempotencyKey());
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(request, ClientJson.Options));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var accepted = ClientJson.Read<JobAcceptedBody>(response.Content);
        return new VideoJobOperation(accepted.Id, this, response);
    }

    /// <summary>Reads a job (<c>GET /api/videos/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">404 for an unknown job.</exception>
    public virtual async Task<Response<VideoJob>> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var message = CreateJobMessage(jobId);
        return Read<VideoJob>(await SendAsync(message, cancellationToken).ConfigureAwait(false));
    }

    internal Response<VideoJob> GetJob(string jobId, CancellationToken cancellationToken)
    {
        using var message = CreateJobMessage(jobId);
        _pipeline.Send(message, cancellationToken);
        return Read<VideoJob>(Extract(message));
    }

    /// <summary>
    /// Lists jobs, newest first (<c>GET /api/videos</c>). The service answers one page of at most 200 jobs; the page
    /// size hint of <c>AsPages</c> sets its size (20 without one).
    /// </summary>
    /// <param name="status">Only jobs with this status.</param>
    /// <param name="batchId">Only the jobs of this batch.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual AsyncPageable<VideoJob> ListJobsAsync(
        VideoJobStatus? status = null, string? batchId = null, CancellationToken cancellationToken = default) =>
        new JobListPageable(async (limit, ct) =>
        {
            using var message = CreateMessage(RequestMethod.Get, Ok, "/api/videos");
            var uri = message.Request.Uri;
            if (status is { } wanted)
            {
                uri.AppendQuery("status", wanted.ToString());
            }

            if (batchId is not null)
            {
                uri.AppendQuery("batchId", batchId);
            }

            if (limit is { } count)
            {
                uri.AppendQuery("limit", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var response = await SendAsync(message, ct).ConfigureAwait(false);
            return (ClientJson.Read<JobListBody>(response.Content).Items, response);
        }, cancellationToken);

    /// <summary>
    /// Asks the workflow to cancel a job (<c>POST /api/videos/{id}/cancel</c>): it cancels at the provider where it
    /// can and ends the job as cancelled.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job as it was when cancellation was requested.</returns>
    /// <exception cref="RequestFailedException">404 for an unknown job; 409 once it has ended or while it is archived.</exception>
    public virtual async Task<Response<VideoJob>> CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        using var message = CreateMessage(RequestMethod.Post, Accepted, "/api/videos/", jobId, "/cancel");
        return Read<VideoJob>(await SendAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Starts a batch (<c>POST /api/batches</c>): every valid item starts a job; invalid items are listed with their
    /// errors and start nothing. A batch without an id is named after its content, so a retry is the same batch.
    /// </summary>
    /// <param name="batch">The items, defaults and optional batch id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">400 when the body is not a batch; 409 when the id names another batch.</exception>
    public virtual async Task<Response<VideoBatchAccepted>> StartBatchAsync(
        VideoBatchRequest batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var message = CreateMessage(RequestMethod.Post, Accepted, "/api/batches");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(
            new BatchBody(batch.BatchId, batch.Defaults, batch.Items), ClientJson.Options));
        return Read<VideoBatchAccepted>(await SendAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a batch with every item's current status (<c>GET /api/batches/{id}</c>).</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">404 for an unknown batch.</exception>
    public virtual async Task<Response<VideoBatch>> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        using var message = CreateMessage(RequestMethod.Get, Ok, "/api/batches/", batchId);
        return Read<VideoBatch>(await SendAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The model catalogue (<c>GET /api/models</c>): what each provider's model accepts.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<IReadOnlyList<VideoModel>>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, Ok, "/api/models");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ClientJson.Read<ModelListBody>(response.Content).Items, response);
    }

    /// <summary>
    /// Downloads a succeeded job's video into a stream, checking its length and SHA-256 against the job's.
    /// The bytes come from a short-lived read-only URL of the blob (<c>GET /api/videos/{id}/content</c>).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="progress">Told the number of bytes written so far.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestFailedException">404 for an unknown job; 409 before it has succeeded.</exception>
    /// <exception cref="InvalidDataException">
    /// The bytes are not the ones the job archived (length or SHA-256 differ); the stream has received them anyway.
    /// </exception>
    public virtual async Task<Response<VideoContentInfo>> DownloadContentAsync(
        string jobId, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var (output, location) = await LocateContentAsync(jobId, cancellationToken).ConfigureAwait(false);
        return await _downloader.DownloadAsync(location, output, destination, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a succeeded job's video into a file, checking its length and SHA-256 against the job's. The file
    /// appears only once verified: the bytes go to <c>{path}.partial</c> first, which is deleted if they do not match.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="progress">Told the number of bytes written so far.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestFailedException">404 for an unknown job; 409 before it has succeeded.</exception>
    /// <exception cref="InvalidDataException">The bytes are not the ones the job archived; no file is left.</exception>
    public virtual async Task<Response<VideoContentInfo>> DownloadContentAsync(
        string jobId, string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (output, location) = await LocateContentAsync(jobId, cancellationToken).ConfigureAwait(false);
        var partial = path + ".partial";
        try
        {
            Response<VideoContentInfo> result;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                result = await _downloader.DownloadAsync(location, output, file, progress, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private async Task<(VideoJobOutput Output, Uri Location)> LocateContentAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = (await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false)).Value;
        using var message = CreateMessage(RequestMethod.Get, Found, "/api/videos/", jobId, "/content");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (job.Output is not { Sha256: not null } output)
        {
            throw new InvalidDataException($"Job '{jobId}' reports no SHA-256 to verify its video against.");
        }

        return response.Headers.TryGetValue("Location", out var location)
            ? (output, new Uri(Endpoint, location))
            : throw new RequestFailedException(response.Status, "The content redirect has no Location header.");
    }

    private HttpMessage CreateJobMessage(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return CreateMessage(RequestMethod.Get, Ok, "/api/videos/", jobId);
    }

    /// <summary>A request to <paramref name="route"/>, followed by escaped path segments and fixed suffixes.</summary>
    private HttpMessage CreateMessage(RequestMethod method, ResponseClassifier classifier, string route, string? id = null, string? suffix = null)
    {
        var message = _pipeline.CreateMessage(context: null, classifier);
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        request.Uri.AppendPath(route, escape: false);
        if (id is not null)
        {
            request.Uri.AppendPath(id, escape: true);
        }

        if (suffix is not null)
        {
            request.Uri.AppendPath(suffix, escape: false);
        }

        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Extract(message);
    }

    private static Response Extract(HttpMessage message) =>
        message.Response.IsError
            ? throw new RequestFailedException(message.Response, null, ProblemDetailsParser.Instance)
            : message.Response;

    private static Response<T> Read<T>(Response response) => Response.FromValue(ClientJson.Read<T>(response.Content), response);

    private static string NewIdempotencyKey() => "vpclient-" + Guid.NewGuid().ToString("N");

    private static BearerTokenAuthenticationPolicy BearerPolicy(TokenCredential credential, VideoPipelineClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new ArgumentException("Set VideoPipelineClientOptions.Audience to the audience the app accepts.", nameof(options));
        }

        return new BearerTokenAuthenticationPolicy(credential, options.Audience.TrimEnd('/') + "/.default");
    }

    private sealed record JobAcceptedBody(string Id);

    private sealed record JobListBody(IReadOnlyList<VideoJob> Items);

    private sealed record ModelListBody(IReadOnlyList<VideoModel> Items);

    private sealed record BatchBody(string? BatchId, System.Text.Json.Nodes.JsonObject? Defaults, IList<System.Text.Json.Nodes.JsonObject> Items);
}
