using System.Diagnostics.CodeAnalysis;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

internal static class HttpUrl
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Adds a result URL a provider reported: blank is skipped, duplicates once, anything but http(s) is a protocol error.</summary>
    public static void AddResult(ProviderName provider, List<Uri> urls, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!TryParse(value, out var url))
        {
            throw ProviderErrors.Protocol(provider, "a result URL is not an absolute http(s) URL");
        }

        if (!urls.Contains(url))
        {
            urls.Add(url);
        }
    }
}
