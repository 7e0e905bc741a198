namespace VideoPipeline.Core.Telemetry;

/// <summary>
/// Marks outgoing requests whose URL must not appear in HTTP client spans, for the hosts' HttpClient instrumentation
/// filter. Query strings are redacted by the instrumentation already; this is for URLs whose path may be a secret.
/// </summary>
public static class HttpTelemetryFilter
{
    private static readonly HttpRequestOptionsKey<bool> Omit = new("VideoPipeline.Telemetry.OmitFromTraces");

    public static void OmitFromTraces(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Omit, true);
    }

    /// <summary>The hosts' <c>FilterHttpRequestMessage</c>: false for requests marked with <see cref="OmitFromTraces"/>.</summary>
    public static bool ShouldTrace(HttpRequestMessage request) =>
        request is null || !request.Options.TryGetValue(Omit, out var omit) || !omit;
}
