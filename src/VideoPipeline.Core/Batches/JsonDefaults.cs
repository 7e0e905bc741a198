using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// Merges a batch's <c>defaults</c> under one item: the item's fields win; objects both give (<c>metadata</c>,
/// <c>output</c>, <c>providerOptions</c>) are merged the same way, field by field; an item's explicit <c>null</c>
/// removes a default.
/// </summary>
internal static class JsonDefaults
{
    public static JsonObject MergeUnder(JsonElement? defaults, JsonElement item)
    {
        var merged = new JsonObject();
        if (defaults is { } shared)
        {
            Overlay(merged, shared);
        }

        Overlay(merged, item);
        return merged;
    }

    private static void Overlay(JsonObject target, JsonElement source)
    {
        foreach (var property in source.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && target[property.Name] is JsonObject existing)
            {
                Overlay(existing, property.Value);
            }
            else
            {
                target[property.Name] = ToNode(property.Value);
            }
        }
    }

    /// <summary>Builds the node tree itself: a repeated property name then keeps its last value instead of throwing.</summary>
    private static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(ToNode).ToArray()),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element.Clone()),
    };

    private static JsonObject Object(JsonElement element)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToNode(property.Value);
        }

        return result;
    }
}
