using System.Collections.Frozen;
using System.Net;
using System.Text;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Core.Dashboard;

/// <summary>
/// The jobs dashboard: a static page (<c>Dashboard/Assets</c>, embedded) that works only through the public API, so
/// both hosts serve it with this one handler. The page holds no data, so hosts serve it without a function key; the
/// page sends the key the user enters with its API calls.
/// </summary>
public static class DashboardPage
{
    private const string PageName = "index.html";

    private const string TraceUrlMeta = "<meta name=\"trace-url-template\" content=\"\">";

    /// <summary>
    /// Scripts and styles only from the host itself (no inline code, no CDN). Videos come from the blob endpoint the
    /// content route redirects to, which is another origin (Azurite locally, <c>*.blob.core.windows.net</c> on Azure).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; media-src 'self' http: https:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [PageName] = "text/html; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(() => ContentTypes.Keys.ToFrozenDictionary(
        name => name,
        name => EmbeddedContent.Read($"Dashboard/{name}") ?? throw new InvalidOperationException($"Dashboard/{name} is not embedded."),
        StringComparer.Ordinal));

    /// <summary>The files the page loads besides itself, under <c>/api/dashboard/{asset}</c>.</summary>
    public static IEnumerable<string> Assets => ContentTypes.Keys.Where(name => name != PageName);

    /// <summary>
    /// The page, telling its script where a job's trace can be seen (<see cref="TelemetryOptions.TraceUrlTemplate"/>) in
    /// a <c>meta</c> element: the script links each job's trace id to it, or shows the id alone without one.
    /// </summary>
    public static ApiResponse Page(string? traceUrlTemplate)
    {
        var page = Asset(PageName);
        if (string.IsNullOrEmpty(traceUrlTemplate))
        {
            return page;
        }

        var html = Encoding.UTF8.GetString((byte[])page.Body!).Replace(
            TraceUrlMeta, $"<meta name=\"trace-url-template\" content=\"{WebUtility.HtmlEncode(traceUrlTemplate)}\">",
            StringComparison.Ordinal);
        return page with { Body = Encoding.UTF8.GetBytes(html) };
    }

    public static ApiResponse Asset(string name)
    {
        if (!Files.Value.TryGetValue(name, out var content))
        {
            return ApiResponse.Problem(404, "Not found.", $"The dashboard has no file '{name}'.");
        }

        return ApiResponse.Bytes(200, content, ContentTypes[name], new Dictionary<string, string>
        {
            // Revalidate every time: the files change with the host's version and are small.
            ["Cache-Control"] = "no-cache",
            ["X-Content-Type-Options"] = "nosniff",
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["Referrer-Policy"] = "no-referrer",
        });
    }
}
