using System.Text;
using System.Text.Json;

namespace VideoPipeline.Functions.Queues;

/// <summary>
/// Reads a batch queue message: a JSON array of job requests, or an object with an <c>items</c> array (the body of
/// <c>POST /api/batches</c>). The Functions host decodes Base64 bodies before the trigger sees them; a body that is still
/// Base64 (a queue read without decoding) is decoded here, so both encodings are accepted.
/// </summary>
public static class BatchQueueMessage
{
    /// <summary>Items of the message, or an error describing why it cannot be read (the message is then dropped).</summary>
    public static bool TryReadItems(string body, out IReadOnlyList<JsonElement> items, out string? error)
    {
        items = [];
        if (!TryParse(body, out var root) && !(TryDecodeBase64(body, out var decoded) && TryParse(decoded, out root)))
        {
            error = "The message is not JSON.";
            return false;
        }

        var array = root.ValueKind switch
        {
            JsonValueKind.Array => root,
            JsonValueKind.Object when root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array => list,
            _ => (JsonElement?)null,
        };

        if (array is not { } elements)
        {
            error = "Expected a JSON array of job requests or an object with an \"items\" array.";
            return false;
        }

        items = elements.EnumerateArray().Select(e => e.Clone()).ToList();
        error = null;
        return true;
    }

    private static bool TryParse(string text, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    private static bool TryDecodeBase64(string text, out string decoded)
    {
        decoded = "";
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var length))
        {
            return false;
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
