using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// The request/response mechanics every dialect shares: send with <see cref="HttpCompletionOption.ResponseHeadersRead"/>,
/// classify transport failures and error answers, read bounded JSON bodies within the per-request timeout, open result streams.
/// Retries and rate limits live in the handlers of the HTTP clients, not here.
/// </summary>
internal sealed class ProviderHttp(ProviderName provider, TimeSpan timeout, TimeProvider timeProvider)
{
    /// <summary>Largest JSON answer accepted from a provider.</summary>
    public const int MaxJsonBytes = 4 * 1024 * 1024;

    private const int MaxErrorBytes = 64 * 1024;

    /// <summary>How a public signed result URL answers once it expired: S3-style stores say 403, others 404 or 410.</summary>
    public static readonly int[] PublicUrlExpiredStatuses = [403, 404, 410];

    /// <summary>A JSON request body, <c>Content-Type: application/json</c>.</summary>
    public static HttpContent JsonBody(JsonNode body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// A request to one of the provider's endpoints. <paramref name="endpoint"/> is its route template
    /// (<c>v1/tasks/{id}</c>), the only part of it that metrics record.
    /// </summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri url, string endpoint)
    {
        var request = new HttpRequestMessage(method, url);
        request.Options.Set(ProviderRequestMetricsHandler.EndpointKey, endpoint);
        return request;
    }

    /// <summary>
    /// A GET of a media URL that may itself be a credential (a signed result URL, a pre-signed input image), in its path
    /// as much as in its query: HTTP client spans leave it out (<see cref="HttpTelemetryFilter"/>).
    /// </summary>
    public static HttpRequestMessage MediaRequest(Uri url, string endpoint)
    {
        var request = Request(HttpMethod.Get, url, endpoint);
        HttpTelemetryFilter.OmitFromTraces(request);
        return request;
    }

    /// <summary>Sends; maps transport failures (not HTTP error statuses) to <see cref="ProviderException"/>. The caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(ProviderRequestMetricsHandler.ProviderKey, provider);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                          && ProviderErrors.FromTransport(provider, request, exception, timeout) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Sends and reads a JSON answer; any non-2xx answer throws the mapped <see cref="ProviderException"/>.</summary>
    public Task<ProviderJsonResponse> SendForJsonAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendForJsonAsync(client, request, cancellationToken, acceptedIfUnreadable: false);

    private async Task<ProviderJsonResponse> SendForJsonAsync(
        HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken, bool acceptedIfUnreadable)
    {
        using var response = await SendAsync(client, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorFromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request, response, MaxJsonBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            var error = ProviderErrors.Protocol(provider, exception.Message, exception);
            throw acceptedIfUnreadable ? ProviderErrors.Accepted(error) : error;
        }

        try
        {
            return new ProviderJsonResponse(ParseJson(body), response.Headers);
        }
        catch (ProviderException exception) when (acceptedIfUnreadable)
        {
            throw ProviderErrors.Accepted(exception);
        }
    }

    /// <summary>
    /// Sends a submit and reads the created task. Once the provider answered 2xx it has accepted the task, so an
    /// answer we cannot read (malformed JSON, no id, unknown status) is reported as "may have been processed": the
    /// task may exist and be billed, and must not be submitted again blindly.
    /// </summary>
    public async Task<ProviderTask> SubmitAsync(
        HttpClient client, HttpRequestMessage request, Func<ProviderJsonResponse, ProviderTask> readTask, CancellationToken cancellationToken)
    {
        var response = await SendForJsonAsync(client, request, cancellationToken, acceptedIfUnreadable: true).ConfigureAwait(false);
        try
        {
            return readTask(response);
        }
        catch (ProviderException exception) when (exception.Code == ErrorCodes.ProviderProtocolError)
        {
            throw ProviderErrors.Accepted(exception);
        }
    }

    /// <summary>
    /// Reads a whole body within the per-request timeout; more than <paramref name="maxBytes"/> throws
    /// <see cref="InvalidDataException"/>. A cut or late body maps as "may have been processed".
    /// </summary>
    public async Task<byte[]> ReadBodyAsync(
        HttpRequestMessage request, HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        using var deadline = ReadDeadline(cancellationToken);
        try
        {
            return await HttpContentReader.ReadBoundedAsync(response.Content, maxBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                          && ProviderErrors.FromTransport(provider, request, exception, timeout) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Parses a complete JSON document; malformed JSON is a <c>provider_protocol_error</c>.</summary>
    public JsonElement ParseJson(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(utf8Json);
        }
        catch (JsonException exception)
        {
            throw ProviderErrors.Protocol(provider, $"malformed JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The mapped error of a non-2xx answer, with the provider's own message and <c>Retry-After</c>.</summary>
    public async Task<ProviderException> ErrorFromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = ProviderErrorDetail.None;
        try
        {
            using var deadline = ReadDeadline(cancellationToken);
            var body = await HttpContentReader.ReadBoundedAsync(response.Content, MaxErrorBytes, deadline.Token).ConfigureAwait(false);
            detail = ProviderErrorDetail.Parse(body);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or HttpRequestException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The status alone still classifies the failure.
        }

        return ProviderErrors.FromStatus(provider, (int)response.StatusCode, detail, RetryAfterHeader.Read(response, timeProvider));
    }

    /// <summary>
    /// Opens a finished video as a stream. The <paramref name="expiredStatuses"/> mean the result expired
    /// (<c>result_expired</c>); other failures map as usual. The returned content owns the response; the caller
    /// disposes the request.
    /// </summary>
    public async Task<ResultContent> OpenStreamAsync(
        HttpClient client, HttpRequestMessage request, IReadOnlyCollection<int> expiredStatuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri!;
        var response = await SendAsync(client, request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw expiredStatuses.Contains(status)
                    ? new ProviderException(
                        ErrorCodes.ResultExpired,
                        $"{provider} result {url.GetLeftPart(UriPartial.Path)} answered HTTP {status}: it expired or was removed",
                        status)
                    : await ErrorFromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResultContent(
                stream, response.Content.Headers.ContentLength, response.Content.Headers.ContentType?.MediaType, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the first result URL of a task whose results are public signed URLs (FoxAPI, APIXO), through a client
    /// that carries no Authorization header: the API key never goes to the third-party host.
    /// </summary>
    public Task<ResultContent> OpenPublicResultAsync(HttpClient mediaClient, ProviderTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.ResultUrls.Count == 0
            ? Task.FromException<ResultContent>(new ProviderException(
                ErrorCodes.ResultMissing, $"{provider} task {task.TaskId} has no result URL yet"))
            : OpenSignedUrlAsync(mediaClient, task.ResultUrls[0], cancellationToken);
    }

    private async Task<ResultContent> OpenSignedUrlAsync(HttpClient mediaClient, Uri url, CancellationToken cancellationToken)
    {
        using var request = MediaRequest(url, "result");
        return await OpenStreamAsync(mediaClient, request, PublicUrlExpiredStatuses, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller's token, also cancelled once the per-request timeout has passed (none when it is not positive).</summary>
    private CancellationTokenSource ReadDeadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(timeout);
        }

        return deadline;
    }
}
