namespace VideoPipeline.Core.Api;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of the HTTP contract. It is maintained by hand next to
/// the operations (<c>Api/openapi.json</c>) because no OpenAPI generator restores here; the local host's tests compare
/// its paths with the routes the host maps, so the two cannot drift apart.
/// </summary>
public static class OpenApiDocument
{
    public const string ResourceName = "Api/openapi.json";

    private static readonly Lazy<byte[]> Content = new(() =>
        EmbeddedContent.Read(ResourceName) ?? throw new InvalidOperationException($"{ResourceName} is not embedded."));

    public static ApiResponse Get() => ApiResponse.Bytes(200, Content.Value, "application/json",
        new Dictionary<string, string> { ["Cache-Control"] = "no-cache" });
}
