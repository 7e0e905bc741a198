using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.OpenAi;

/// <summary>
/// The OpenAI Videos API (or an OpenAI-compatible gateway): multipart <c>POST /videos</c>, <c>GET /videos/{id}</c>,
/// <c>DELETE /videos/{id}</c>, authenticated <c>GET /videos/{id}/content</c>. OpenAI announced the API's shutdown for
/// 2026-09-24; this dialect stays replaceable. An <c>IHttpClientFactory</c> typed client.
/// </summary>
public sealed class OpenAiVideosClient : IVideoProviderClient
{
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    private const string VideoEndpoint = "videos/{id}";

    private static readonly int[] ContentExpiredStatuses = [404, 410];

    private readonly HttpClient _httpClient;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ProviderHttp _http;
    private readonly Uri _baseUrl;

    public OpenAiVideosClient(
        HttpClient httpClient, IOptions<ProvidersOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        var providerOptions = options.Value.OpenAi;
        _httpClient = httpClient;
        _httpClientFactory = httpClientFactory;
        _http = new ProviderHttp(ProviderName.OpenAi, providerOptions.Timeout, timeProvider);
        _baseUrl = providerOptions.BaseUrl ?? DefaultBaseUrl;
    }

    public ProviderName Provider => ProviderName.OpenAi;

    /// <summary>
    /// Creates the video. With an <c>ImageUrl</c>, the image is downloaded first (≤ 10 MB) and uploaded as the
    /// <c>input_reference</c> file with the media type it was served with. OpenAI has no per-task callback URL
    /// (webhooks are configured per project), so <see cref="ProviderSubmission.CallbackUrl"/> is not sent.
    /// </summary>
    public async Task<ProviderTask> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var image = submission.Request.ImageUrl is { } imageUrl
            ? await InputImageFetcher.FetchAsync(
                _http, _httpClientFactory.CreateClient(ProviderHttpClientNames.InputMedia), imageUrl, cancellationToken).ConfigureAwait(false)
            : null;

        using var request = ProviderHttp.Request(HttpMethod.Post, ProviderEndpoint.Combine(_baseUrl, "videos"), "videos");
        request.Content = OpenAiRequestWriter.Build(submission, image);
        return await _http.SubmitAsync(_httpClient, request, ReadVideo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retrieves the video; <see cref="ProviderTask.PollAfter"/> carries <c>openai-poll-after-ms</c> when sent.</summary>
    public async Task<ProviderTask> GetStatusAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        using var request = ProviderHttp.Request(HttpMethod.Get, VideoUrl(taskId), VideoEndpoint);
        return ReadVideo(await _http.SendForJsonAsync(_httpClient, request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Always false: the Videos API documents no cancel endpoint (only delete).</summary>
    public Task<bool> CancelAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(false);
    }

    /// <summary>
    /// <c>DELETE /videos/{id}</c>. True when deleted — including 404, which after a retried DELETE means the first
    /// attempt already deleted it.
    /// </summary>
    public async Task<bool> DeleteAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        using var request = ProviderHttp.Request(HttpMethod.Delete, VideoUrl(taskId), VideoEndpoint);
        try
        {
            using var response = await _http.SendAsync(_httpClient, request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await _http.ErrorFromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }

            // {id, object:"video.deleted", deleted}; a gateway's empty 204 counts as deleted too.
            var body = await _http.ReadBodyAsync(request, response, ProviderHttp.MaxJsonBytes, cancellationToken).ConfigureAwait(false);
            return body.Length == 0 || (_http.ParseJson(body).Boolean("deleted") ?? true);
        }
        catch (ProviderException exception) when (exception.Code == ErrorCodes.NotFound)
        {
            return true;
        }
    }

    /// <summary>
    /// Streams <c>GET /videos/{id}/content?variant=video</c> with the API key (always built from the configured base
    /// URL, whatever the task says). 404/410 mean the video expired or was deleted (<c>result_expired</c>).
    /// </summary>
    public async Task<ResultContent> OpenResultAsync(ProviderTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var request = ProviderHttp.Request(HttpMethod.Get, ContentUrl(task.TaskId), "videos/{id}/content");
        return await _http.OpenStreamAsync(_httpClient, request, ContentExpiredStatuses, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A project webhook event (verify it first with <c>StandardWebhookVerifier</c>).</summary>
    public ProviderTask ParseCallback(ReadOnlySpan<byte> body) => OpenAiVideoParser.ParseEvent(_http.ParseJson(body));

    private ProviderTask ReadVideo(ProviderJsonResponse response) =>
        OpenAiVideoParser.Parse(response.Body, ContentUrl, OpenAiVideoParser.ReadPollAfter(response.Headers));

    private Uri VideoUrl(string videoId) => ProviderEndpoint.Combine(_baseUrl, "videos/" + ProviderEndpoint.Segment(videoId));

    private Uri ContentUrl(string videoId) =>
        ProviderEndpoint.Combine(_baseUrl, $"videos/{ProviderEndpoint.Segment(videoId)}/content?variant=video");
}
