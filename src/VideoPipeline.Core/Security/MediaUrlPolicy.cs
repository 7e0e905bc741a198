using System.Net;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Security;

/// <summary>
/// User-supplied URLs (<c>imageUrl</c>, <c>sourceVideoUrl</c>, <c>notifyUrl</c>) must be https, at most
/// <see cref="MaxLength"/> characters, and resolve only to public addresses. Origins in
/// <see cref="PipelineOptions.DevelopmentAllowedOrigins"/> are exempt, so local runs can use the emulator.
/// Checked when a job is accepted and again right before the pipeline itself fetches or posts to the URL,
/// because DNS answers can change in between.
/// </summary>
public sealed class MediaUrlPolicy(IHostAddressResolver resolver, IOptions<PipelineOptions> options)
{
    /// <summary>FoxAPI documents 2048 characters for its callback URLs; the same bound serves every media URL.</summary>
    public const int MaxLength = 2048;

    private readonly HashSet<string> _allowedOrigins = options.Value.DevelopmentAllowedOrigins
        .Select(NormaliseOrigin)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="url"/> is on one of <see cref="PipelineOptions.DevelopmentAllowedOrigins"/>.</summary>
    public bool IsDevelopmentOrigin(Uri url) => url.IsAbsoluteUri && _allowedOrigins.Contains(url.GetLeftPart(UriPartial.Authority));

    public async Task<UrlCheck> CheckAsync(string value, CancellationToken cancellationToken = default)
    {
        if (value.Length > MaxLength)
        {
            return UrlCheck.Refused($"must be at most {MaxLength} characters long.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.HostNameType == UriHostNameType.Unknown)
        {
            return UrlCheck.Refused("must be an absolute URL.");
        }

        if (IsDevelopmentOrigin(url))
        {
            return UrlCheck.Allowed(url);
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return UrlCheck.Refused("must use https.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return UrlCheck.Refused("must not carry credentials.");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(url.DnsSafeHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(url.DnsSafeHost, cancellationToken);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
            {
                return UrlCheck.Refused($"host '{url.Host}' cannot be resolved.");
            }
        }

        if (addresses.Length == 0)
        {
            return UrlCheck.Refused($"host '{url.Host}' cannot be resolved.");
        }

        foreach (var address in addresses)
        {
            if (IpAddressRanges.NonPublicReason(address) is { } reason)
            {
                return UrlCheck.Refused($"must not point to a {reason} address ({address}).");
            }
        }

        return UrlCheck.Allowed(url);
    }

    private static string? NormaliseOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;
}
