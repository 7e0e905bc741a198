using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Verifies webhooks signed with the Standard Webhooks symmetric scheme (used by OpenAI): HMAC-SHA256 over
/// <c>"{webhook-id}.{webhook-timestamp}.{raw body}"</c> with the base64-decoded secret (after <c>whsec_</c>); the
/// <c>webhook-signature</c> header holds space-separated <c>v1,&lt;base64&gt;</c> entries, any of which may match
/// (secret rotation); timestamps more than <see cref="Tolerance"/> from now are refused (replay protection).
/// Verify the raw bytes as received: re-serialised JSON does not verify.
/// </summary>
public sealed class StandardWebhookVerifier(TimeProvider timeProvider)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private const string SignatureVersion = "v1";

    /// <summary>How far the timestamp may be from now, either way (the reference libraries' five minutes).</summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <param name="secret">The endpoint secret, <c>whsec_&lt;base64&gt;</c> (the prefix is optional).</param>
    /// <exception cref="ArgumentException">The secret is empty or not base64: a configuration error, not a bad webhook.</exception>
    public WebhookVerificationResult Verify(
        string secret, string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        var key = DecodeSecret(secret);

        if (string.IsNullOrEmpty(webhookId))
        {
            return WebhookVerificationResult.Invalid($"missing {IdHeader} header");
        }

        if (string.IsNullOrEmpty(webhookTimestamp))
        {
            return WebhookVerificationResult.Invalid($"missing {TimestampHeader} header");
        }

        if (string.IsNullOrEmpty(webhookSignature))
        {
            return WebhookVerificationResult.Invalid($"missing {SignatureHeader} header");
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.Invalid($"{TimestampHeader} is not a Unix time in seconds");
        }

        var skew = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew > Tolerance)
        {
            return WebhookVerificationResult.Invalid($"{TimestampHeader} is too old");
        }

        if (skew < -Tolerance)
        {
            return WebhookVerificationResult.Invalid($"{TimestampHeader} is too far in the future");
        }

        var expected = Sign(key, webhookId, webhookTimestamp, body);
        Span<byte> candidate = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma <= 0 || !entry.AsSpan(0, comma).SequenceEqual(SignatureVersion))
            {
                continue; // Another scheme (e.g. v1a, asymmetric) or garbage: not ours to check.
            }

            if (Convert.TryFromBase64String(entry[(comma + 1)..], candidate, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(candidate[..written], expected))
            {
                return WebhookVerificationResult.Valid;
            }
        }

        return WebhookVerificationResult.Invalid("no signature matches");
    }

    /// <summary>The <c>v1,&lt;base64&gt;</c> signature of a message (for senders and tests).</summary>
    public static string ComputeSignature(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body) =>
        SignatureVersion + "," + Convert.ToBase64String(
            Sign(DecodeSecret(secret), webhookId, timestamp.ToString(CultureInfo.InvariantCulture), body));

    private static byte[] Sign(byte[] key, string webhookId, string webhookTimestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{webhookTimestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }

    private static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length > 0 ? key : throw new ArgumentException("The webhook secret is empty.", nameof(secret));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The webhook secret is not base64 (expected whsec_<base64>).", nameof(secret), exception);
        }
    }
}
