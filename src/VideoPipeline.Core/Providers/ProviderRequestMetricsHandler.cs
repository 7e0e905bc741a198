using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Counts each HTTP attempt to a provider (innermost handler, so retries count) by provider, method, endpoint and
/// status code, with its duration and the 429s. The endpoint is the route template the client named
/// (<see cref="ProviderHttp.Request"/>), never the URL, which carries task ids and, for results, signatures.
/// </summary>
internal sealed class ProviderRequestMetricsHandler(TimeProvider time) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> EndpointKey = new("VideoPipeline.Providers.Endpoint");

    public static readonly HttpRequestOptionsKey<ProviderName> ProviderKey = new("VideoPipeline.Providers.Provider");

    private const string UnnamedEndpoint = "other";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ProviderName? provider = request.Options.TryGetValue(ProviderKey, out var name) ? name : null;
        var endpoint = request.Options.TryGetValue(EndpointKey, out var template) ? template : UnnamedEndpoint;
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            PipelineTelemetry.ProviderRequestSent(
                provider, request.Method.Method, endpoint, (int)response.StatusCode, null, time.GetElapsedTime(started));
            return response;
        }
        catch (Exception exception)
        {
            PipelineTelemetry.ProviderRequestSent(
                provider, request.Method.Method, endpoint, null, exception.GetType().FullName, time.GetElapsedTime(started));
            throw;
        }
    }
}
