using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VideoPipeline.Client.Http;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client.Notifications;

/// <summary>
/// Verifies the pipeline's deliveries to a job's <c>notifyUrl</c>, which it signs with the Standard Webhooks scheme
/// when <c>Pipeline:NotifySigningSecret</c> is set: HMAC-SHA256 over <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>
/// with the base64-decoded secret (after <c>whsec_</c>), sent as space-separated <c>v1,&lt;base64&gt;</c> entries in
/// <c>webhook-signature</c>. Verify the raw body as received (re-serialised JSON does not verify), and treat the
/// <c>webhook-id</c> as the delivery's id: retries of one delivery repeat it.
/// </summary>
public sealed class NotificationVerifier
{
    /// <summary>The header with the delivery's id.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the delivery's Unix time in seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private const string SignatureVersion = "v1";

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier for one signing secret.</summary>
    /// <param name="secret">The pipeline's <c>Pipeline:NotifySigningSecret</c>, <c>whsec_&lt;base64&gt;</c>.</param>
    /// <param name="timeProvider">The clock timestamps are checked against; the system clock by default.</param>
    /// <exception cref="ArgumentException">The secret is empty or not base64.</exception>
    public NotificationVerifier(string secret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            _key = Convert.FromBase64String(encoded);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The secret is not base64 (expected whsec_<base64>).", nameof(secret), exception);
        }

        if (_key.Length == 0)
        {
            throw new ArgumentException("The secret is empty.", nameof(secret));
        }

        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far a delivery's timestamp may be from now, either way (replay protection).</summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks a delivery's signature and timestamp and reads its body.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body.</param>
    /// <returns>The verified notification.</returns>
    /// <exception cref="NotificationVerificationException">The delivery is not authentic or not fresh.</exception>
    public VideoJobNotification Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            throw new NotificationVerificationException(
                $"The {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are required.");
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new NotificationVerificationException($"{TimestampHeader} is not a Unix time in seconds.");
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance)
        {
            throw new NotificationVerificationException(
                $"{TimestampHeader} is {Math.Abs(age.TotalSeconds):0} s away from now (at most {Tolerance.TotalSeconds:0} s).");
        }

        if (!HasMatchingSignature(webhookId, webhookTimestamp, webhookSignature, body.ToMemory().Span))
        {
            throw new NotificationVerificationException("No signature matches.");
        }

        try
        {
            return ClientJson.Read<VideoJobNotification>(body);
        }
        catch (JsonException exception)
        {
            throw new NotificationVerificationException($"The signed body is not a job notification: {exception.Message}");
        }
    }

    private bool HasMatchingSignature(string id, string timestamp, string signatures, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        var expected = hmac.GetHashAndReset();

        Span<byte> candidate = stackalloc byte[expected.Length];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (e.g. the asymmetric v1a) may sit beside ours; only v1 entries are HMACs.
            var comma = entry.IndexOf(',');
            if (comma > 0
                && entry.AsSpan(0, comma).SequenceEqual(SignatureVersion)
                && Convert.TryFromBase64String(entry[(comma + 1)..], candidate, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(candidate, expected))
            {
                return true;
            }
        }

        return false;
    }
}
