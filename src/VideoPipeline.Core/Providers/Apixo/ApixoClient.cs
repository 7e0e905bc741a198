using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.Apixo;

/// <summary>
/// APIXO: <c>POST /generateTask/{model}</c>, <c>GET /statusTask/{model}?taskId=</c>, results at public URLs valid
/// 15 days. Its documented limits (60 requests/minute, 10 concurrent tasks) are in the <see cref="ModelCatalogue"/>.
/// An <c>IHttpClientFactory</c> typed client.
/// </summary>
public sealed class ApixoClient : IVideoProviderClient
{
    public static readonly Uri DefaultBaseUrl = new("https://api.apixo.ai/api/v1");

    private readonly HttpClient _httpClient;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ProviderHttp _http;
    private readonly Uri _baseUrl;

    public ApixoClient(
        HttpClient httpClient, IOptions<ProvidersOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        var providerOptions = options.Value.Apixo;
        _httpClient = httpClient;
        _httpClientFactory = httpClientFactory;
        _http = new ProviderHttp(ProviderName.Apixo, providerOptions.Timeout, timeProvider);
        _baseUrl = providerOptions.BaseUrl ?? DefaultBaseUrl;
    }

    public ProviderName Provider => ProviderName.Apixo;

    public async Task<ProviderTask> SubmitAsync(ProviderSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var request = ProviderHttp.Request(
            HttpMethod.Post,
            ProviderEndpoint.Combine(_baseUrl, "generateTask/" + ProviderEndpoint.Segment(submission.Model.Model)),
            "generateTask/{model}");
        request.Content = ProviderHttp.JsonBody(ApixoRequestWriter.Build(submission));
        return await _http.SubmitAsync(_httpClient, request, response => ApixoTaskParser.ParseSubmit(response.Body), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<ProviderTask> GetStatusAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        using var request = ProviderHttp.Request(
            HttpMethod.Get,
            ProviderEndpoint.Combine(
                _baseUrl, $"statusTask/{ProviderEndpoint.Segment(model)}?taskId={Uri.EscapeDataString(taskId)}"),
            "statusTask/{model}");
        var response = await _http.SendForJsonAsync(_httpClient, request, cancellationToken).ConfigureAwait(false);
        return ApixoTaskParser.ParseStatus(response.Body);
    }

    /// <summary>Always false: APIXO documents no cancel endpoint.</summary>
    public Task<bool> CancelAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(false);
    }

    /// <summary>Always false: APIXO documents no delete endpoint (results expire after 15 days).</summary>
    public Task<bool> DeleteAsync(string model, string taskId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(false);
    }

    /// <summary>Streams the first result URL, a public URL on another host: no API key is sent.</summary>
    public Task<ResultContent> OpenResultAsync(ProviderTask task, CancellationToken cancellationToken = default) =>
        _http.OpenPublicResultAsync(
            _httpClientFactory.CreateClient(ProviderHttpClientNames.ResultMedia), task, cancellationToken);

    /// <summary>The callback body is the status envelope.</summary>
    public ProviderTask ParseCallback(ReadOnlySpan<byte> body) => ApixoTaskParser.ParseStatus(_http.ParseJson(body));
}
