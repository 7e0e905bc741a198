using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.FoxApi;

/// <summary>
/// FoxAPI's unified task API (also sold as EvoLink, AIHubMax): <c>POST /v1/videos/generations</c>,
/// <c>GET /v1/tasks/{id}</c>, results at public signed URLs valid 24 h. An <c>IHttpClientFactory</c> typed client.
/// </summary>
public sealed class FoxApiClient : IVideoProviderClient
{
    public static readonly Uri DefaultBaseUrl = new("https://api.foxapi.cc");

    private readonly HttpClient _httpClient;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ProviderHttp _http;
    private readonly Uri _baseUrl;

    public FoxApiClient(
        HttpClient httpClient, IOptions<ProvidersOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        var providerOptions = options.Value.FoxApi;
        _httpClient = httpClient;
        _httpClientFactory = httpClientFactory;
        _http = new ProviderHttp(ProviderName.FoxApi, providerOptions.Timeout, timeProvider);
        _baseUrl = providerOptions.BaseUrl ?? DefaultBaseUrl;
    }

    public ProviderName Provider => ProviderName.FoxApi;

    public async Task<ProviderTask> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var request = ProviderHttp.Request(
            HttpMethod.Post, ProviderEndpoint.Combine(_baseUrl, "v1/videos/generations"), "v1/videos/generations");
        request.Content = ProviderHttp.JsonBody(FoxApiRequestWriter.Build(submission));
        return await _http.SubmitAsync(_httpClient, request, response => FoxApiTaskParser.Parse(response.Body), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<ProviderTask> GetStatusAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        using var request = ProviderHttp.Request(
            HttpMethod.Get, ProviderEndpoint.Combine(_baseUrl, "v1/tasks/" + ProviderEndpoint.Segment(taskId)), "v1/tasks/{id}");
        var response = await _http.SendForJsonAsync(_httpClient, request, cancellationToken).ConfigureAwait(false);
        return FoxApiTaskParser.Parse(response.Body);
    }

    /// <summary>
    /// Always false: FoxAPI reports <c>task_info.can_cancel</c> but documents no cancel endpoint, so there is
    /// nothing to call. The workflow stops waiting and ends the job as cancelled on its own.
    /// </summary>
    public Task<bool> CancelAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(false);
    }

    /// <summary>Always false: no delete endpoint is documented (sora-2's <c>delete_video</c> submit option covers it).</summary>
    public Task<bool> DeleteAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(false);
    }

    /// <summary>Streams the first result URL. It is a public signed URL on a third-party host: no API key is sent.</summary>
    public Task<ResultContent> OpenResultAsync(ProviderTask task, CancellationToken cancellationToken = default) =>
        _http.OpenPublicResultAsync(
            _httpClientFactory.CreateClient(ProviderHttpClientNames.ResultMedia), task, cancellationToken);

    /// <summary>The callback body is the task-query JSON.</summary>
    public ProviderTask ParseCallback(ReadOnlySpan<byte> body) => FoxApiTaskParser.Parse(_http.ParseJson(body));
}
