using System.Text.Json;

namespace VideoPipeline.Core.Api;

/// <summary>
/// A host-neutral HTTP answer. Both hosts turn it into their own result type, so the HTTP contract (<c>openapi.json</c>) is
/// written once. The body is serialised as JSON with <see cref="PipelineJson.Options"/>, except a <c>byte[]</c>,
/// which is sent as is (the dashboard's files and the OpenAPI document are stored ready to send).
/// </summary>
public sealed record ApiResponse(
    int StatusCode,
    object? Body = null,
    string ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public const string ProblemContentType = "application/problem+json";

    public static ApiResponse Json(int statusCode, object? body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, body, Headers: headers);

    public static ApiResponse Problem(int statusCode, string title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IDictionary<string, object>? extensions = null) =>
        new(statusCode, new ApiProblem(statusCode, title, detail, errors) { Extensions = extensions }, ProblemContentType);

    public static ApiResponse Bytes(int statusCode, byte[] content, string contentType,
        IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, content, contentType, headers);

    /// <summary>The body's length when known before writing (raw bytes); JSON bodies are streamed.</summary>
    public long? ContentLength => Body is byte[] bytes ? bytes.Length : null;

    /// <summary>Writes the body: raw bytes as they are, anything else as JSON in the pipeline's convention.</summary>
    public Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken) => Body switch
    {
        null => Task.CompletedTask,
        byte[] bytes => destination.WriteAsync(bytes, cancellationToken).AsTask(),
        var body => JsonSerializer.SerializeAsync(destination, body, body.GetType(), PipelineJson.Options, cancellationToken),
    };

    public static ApiResponse Redirect(Uri location) =>
        new(302, Headers: new Dictionary<string, string> { ["Location"] = location.AbsoluteUri });
}
