using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>
/// Standard Webhooks verification written from the specification, independently of the emulator's signer:
/// key = base64-decoded secret after <c>whsec_</c>; expected = HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>;
/// the header holds space-separated <c>v1,&lt;base64&gt;</c> entries, any of which may match (constant time);
/// timestamps further than the tolerance from now are rejected.
/// </summary>
public static class StandardWebhookVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static bool IsValid(string secret, IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset now) =>
        Verify(secret, headers, body, now) is null;

    /// <returns>Null when valid, else why not.</returns>
    public static string? Verify(string secret, IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset now)
    {
        if (!headers.TryGetValue("webhook-id", out var id) || !headers.TryGetValue("webhook-timestamp", out var timestamp)
            || !headers.TryGetValue("webhook-signature", out var signatures))
        {
            return "missing header";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > DefaultTolerance)
        {
            return "timestamp outside tolerance";
        }

        const string prefix = "whsec_";
        if (!secret.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "secret is not whsec_";
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Convert.FromBase64String(secret[prefix.Length..]));
        hmac.AppendData(Encoding.UTF8.GetBytes(id));
        hmac.AppendData("."u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        var expected = hmac.GetHashAndReset();

        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',', 2);
            if (parts is ["v1", var encoded] && TryDecode(encoded, out var candidate)
                && CryptographicOperations.FixedTimeEquals(candidate, expected))
            {
                return null;
            }
        }

        return "no matching v1 signature";
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        var buffer = new byte[base64.Length];
        var ok = Convert.TryFromBase64String(base64, buffer, out var written);
        bytes = buffer[..written];
        return ok;
    }
}
