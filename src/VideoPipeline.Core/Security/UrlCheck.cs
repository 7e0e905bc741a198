namespace VideoPipeline.Core.Security;

/// <summary>The outcome of checking a user-supplied URL: the parsed URL, or why it was refused.</summary>
public sealed record UrlCheck(Uri? Url, string? Error)
{
    public bool IsAllowed => Error is null;

    public static UrlCheck Allowed(Uri url) => new(url, null);

    public static UrlCheck Refused(string error) => new(null, error);
}
