using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipeline.Emulator.Callbacks;

/// <summary>
/// Standard Webhooks signing: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the base64-decoded part of
/// the <c>whsec_</c> secret, sent as <c>v1,&lt;base64&gt;</c>.
/// </summary>
internal static class StandardWebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static bool TryDecodeSecret(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[secret.Length];
        if (!Convert.TryFromBase64String(secret[SecretPrefix.Length..], buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    public static IEnumerable<KeyValuePair<string, string>> Headers(byte[] key, string messageId, DateTimeOffset timestamp, byte[] body)
    {
        var unixSeconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{unixSeconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return
        [
            new("webhook-id", messageId),
            new("webhook-timestamp", unixSeconds),
            new("webhook-signature", $"v1,{signature}"),
        ];
    }
}
