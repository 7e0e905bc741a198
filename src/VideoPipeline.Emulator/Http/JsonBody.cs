using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.Emulator.Http;

/// <summary>Reads and inspects JSON request bodies without model binding, so errors keep the provider's shape.</summary>
internal static class JsonBody
{
    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node is JsonObject body ? (body, null) : (null, "The request body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            return (null, $"The request body is not valid JSON: {exception.Message}");
        }
    }

    public static bool TryGetString(JsonObject body, string name, out string? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue json && json.TryGetValue(out string? text))
        {
            value = text;
            return true;
        }

        return false;
    }

    /// <summary>Accepts JSON integers and, as lenient gateways do, integer strings such as <c>"8"</c>.</summary>
    public static bool TryGetInt(JsonObject body, string name, out int? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue json)
        {
            if (json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out int number))
            {
                value = number;
                return true;
            }

            if (json.TryGetValue(out string? text) && int.TryParse(text, out var parsed))
            {
                value = parsed;
                return true;
            }
        }

        return false;
    }

    public static bool TryGetBool(JsonObject body, string name, out bool? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue json && json.TryGetValue(out bool flag))
        {
            value = flag;
            return true;
        }

        return false;
    }

    public static bool TryGetStringArray(JsonObject body, string name, out IReadOnlyList<string>? values)
    {
        values = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            return false;
        }

        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue json || !json.TryGetValue(out string? text))
            {
                return false;
            }

            items.Add(text);
        }

        values = items;
        return true;
    }

    public static bool IsObjectOrMissing(JsonObject body, string name) => body[name] is null or JsonObject;
}
