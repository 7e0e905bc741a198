using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Per-job callback tokens: HMAC-SHA256 of the job id under <see cref="PipelineOptions.CallbackSecret"/>. Providers
/// document no callback signature, so the URL itself carries proof that we issued it for that job.
/// </summary>
public sealed class CallbackTokens(IOptions<PipelineOptions> options)
{
    public string Create(string jobId) => Base64Url(Mac(jobId));

    /// <summary>Constant-time check that <paramref name="token"/> was issued for <paramref name="jobId"/>.</summary>
    public bool Verify(string jobId, string? token)
    {
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(options.Value.CallbackSecret))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        var expected = Mac(jobId);
        return TryDecodeBase64Url(token, given, out var length)
               && length == expected.Length
               && CryptographicOperations.FixedTimeEquals(given[..length], expected);
    }

    /// <summary>The URL a provider calls for this job, or null when callbacks cannot reach this deployment.</summary>
    public Uri? CallbackUrl(string provider, string jobId)
    {
        var baseUrl = options.Value.PublicBaseUrl;
        if (baseUrl is null || string.IsNullOrEmpty(options.Value.CallbackSecret))
        {
            return null;
        }

        // Appended, not resolved relative to the base, so a base with a path prefix keeps it.
        return new Uri(
            $"{baseUrl.AbsoluteUri.TrimEnd('/')}/api/callbacks/{Uri.EscapeDataString(provider)}/" +
            $"{Uri.EscapeDataString(jobId)}?token={Create(jobId)}");
    }

    private byte[] Mac(string jobId)
    {
        var secret = options.Value.CallbackSecret
                     ?? throw new InvalidOperationException("Pipeline:CallbackSecret is not configured.");
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("callback:" + jobId));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeBase64Url(string token, Span<byte> destination, out int length)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - base64.Length % 4) % 4), '=');
        return Convert.TryFromBase64String(base64, destination, out length);
    }
}
