namespace VideoPipeline.Core.Api;

/// <summary>
/// A host-neutral HTTP answer. Both hosts turn it into their own result type, so the contract of DESIGN.md §5 is
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
        IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(statusCode, new ProblemDetails(statusCode, title, detail, errors), ProblemContentType);

    public static ApiResponse Bytes(int statusCode, byte[] content, string contentType,
        IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, content, contentType, headers);

    public static ApiResponse Redirect(Uri location) =>
        new(302, Headers: new Dictionary<string, string> { ["Location"] = location.AbsoluteUri });
}
