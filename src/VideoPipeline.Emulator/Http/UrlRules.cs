using System.Diagnostics.CodeAnalysis;

namespace VideoPipeline.Emulator.Http;

/// <summary>
/// The providers demand public https URLs; the emulator also accepts http and loopback so it can call back into
/// a developer's machine and fetch its own samples.
/// </summary>
internal static class UrlRules
{
    public const int MaxCallbackUrlLength = 2048;

    public static bool TryParseHttpUrl(string? text, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>The base URL links are built on: the configured public one, else the request's own origin.</summary>
    public static Uri PublicBase(HttpRequest request, Uri? configured)
    {
        var text = configured?.ToString() ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
