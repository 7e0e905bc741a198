using System.Text;
using System.Text.Json;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// What a provider's error body says. Shapes read: <c>{"error":{"message","type","code"}}</c> (FoxAPI, OpenAI),
/// <c>{"error":"…"}</c>, <c>{"code":401,"message":"…"}</c> (APIXO), or plain text.
/// </summary>
internal sealed record ProviderErrorDetail(string? Code, string? Type, string? Message)
{
    private const int MaxTextLength = 300;

    public static ProviderErrorDetail None { get; } = new(null, null, null);

    public static ProviderErrorDetail Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return None;
        }

        try
        {
            var root = JsonSerializer.Deserialize<JsonElement>(body);
            if (root.Property("error") is { } error)
            {
                return error.ValueKind == JsonValueKind.Object
                    ? new(error.String("code"), error.String("type"), error.String("message"))
                    : new(null, null, error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText());
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                return new(root.String("code"), root.String("type"), root.String("message") ?? root.String("msg"));
            }
        }
        catch (JsonException)
        {
            // Not JSON: an HTML error page or plain text. Keep its start as the message.
        }

        var text = Encoding.UTF8.GetString(body.Length > MaxTextLength ? body[..MaxTextLength] : body).Trim();
        return new(null, null, text.Length == 0 ? null : text);
    }

    public override string ToString()
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(Message))
        {
            parts.Add(Message.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Code))
        {
            parts.Add($"code: {Code}");
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            parts.Add($"type: {Type}");
        }

        return parts.Count == 0 ? "no details" : string.Join("; ", parts);
    }
}
