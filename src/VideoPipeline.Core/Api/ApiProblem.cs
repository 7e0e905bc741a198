using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Api;

/// <summary>
/// An RFC 9457 problem, the <c>ProblemDetails</c> schema of openapi.json (named apart from ASP.NET Core's type, which
/// both hosts also see). Validation problems list every failing field under <c>errors</c>, and
/// <see cref="Extensions"/> are further members of the problem object (the readiness checks, for instance).
/// </summary>
public sealed record ApiProblem(
    int Status,
    string Title,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    [JsonExtensionData]
    public IDictionary<string, object>? Extensions { get; init; }

    public string Type => Status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
