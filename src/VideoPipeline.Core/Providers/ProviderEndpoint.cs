namespace VideoPipeline.Core.Providers;

internal static class ProviderEndpoint
{
    /// <summary>
    /// Appends <paramref name="relative"/> to a base URL that may carry a path prefix (<c>https://api.openai.com/v1</c>):
    /// unlike <c>new Uri(base, relative)</c>, the last segment of the base is kept.
    /// </summary>
    public static Uri Combine(Uri baseUrl, string relative)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + relative : text + "/" + relative, UriKind.Absolute);
    }

    /// <summary>A task or video id as one escaped path segment.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
