using System.Text.Json;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// Reads a batch envelope — <c>{batchId?, defaults?, items: […]}</c> or <c>{batchId?, defaults?, itemsBlob:
/// "container/name.jsonl"}</c> — reporting every problem with it at once. Items are not validated here: a bad item
/// is reported in the batch, a bad envelope means the message is not a batch.
/// </summary>
internal static class BatchDocumentReader
{
    public const string IdempotencyKeyField = "idempotencyKey";

    private static readonly HashSet<string> KnownFields = ["batchId", "defaults", "items", "itemsBlob"];

    public static BatchDocument? Read(ReadOnlyMemory<byte> body, int maxItems, FieldErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            errors.Add("$", $"Not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$", "A batch is a JSON object with items (an array of job requests) or itemsBlob.");
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
            {
                errors.Add(property.Name, "Unknown field.");
            }

            var batchId = ReadBatchId(root, errors);
            var defaults = ReadDefaults(root, errors);
            var hasItems = root.TryGetProperty("items", out var items) && items.ValueKind != JsonValueKind.Null;
            var hasBlob = root.TryGetProperty("itemsBlob", out var blob) && blob.ValueKind != JsonValueKind.Null;
            List<BatchItemSource>? inline = null;
            ItemsBlobReference? reference = null;
            if (hasItems == hasBlob)
            {
                errors.Add(hasItems ? "itemsBlob" : "items", hasItems
                    ? "Give either items or itemsBlob, not both."
                    : "Required: items (an array of job requests) or itemsBlob (\"container/name.jsonl\").");
            }
            else if (hasItems)
            {
                inline = ReadItems(items, maxItems, errors);
            }
            else
            {
                reference = ReadBlobReference(blob, errors);
            }

            return errors.IsEmpty ? new BatchDocument(batchId, defaults, inline, reference) : null;
        }
    }

    private static string? ReadBatchId(JsonElement root, FieldErrors errors)
    {
        if (!root.TryGetProperty("batchId", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (id.ValueKind != JsonValueKind.String || !BatchIds.IsValid(id.GetString()))
        {
            errors.Add("batchId", $"Must be 1-{BatchIds.MaxLength} letters, digits, '-' or '_', starting with a letter or digit.");
            return null;
        }

        return id.GetString();
    }

    private static JsonElement? ReadDefaults(JsonElement root, FieldErrors errors)
    {
        if (!root.TryGetProperty("defaults", out var defaults) || defaults.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (defaults.ValueKind != JsonValueKind.Object)
        {
            errors.Add("defaults", "Must be a JSON object of job request fields.");
            return null;
        }

        if (defaults.TryGetProperty(IdempotencyKeyField, out _))
        {
            errors.Add($"defaults.{IdempotencyKeyField}", "Give idempotency keys per item: a shared one would make every item the same job.");
        }

        return defaults.Clone();
    }

    private static List<BatchItemSource>? ReadItems(JsonElement items, int maxItems, FieldErrors errors)
    {
        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add("items", "Must be an array of job requests.");
            return null;
        }

        var count = items.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            errors.Add("items", $"Must have 1 to {maxItems} items.");
            return null;
        }

        return items.EnumerateArray().Select(item => new BatchItemSource(item.Clone())).ToList();
    }

    private static ItemsBlobReference? ReadBlobReference(JsonElement blob, FieldErrors errors)
    {
        var text = blob.ValueKind == JsonValueKind.String ? blob.GetString()! : "";
        var slash = text.IndexOf('/');
        if (slash > 0 && StorageNames.IsValid(text[..slash]) && slash < text.Length - 1)
        {
            return new ItemsBlobReference(text[..slash], text[(slash + 1)..]);
        }

        errors.Add("itemsBlob", "Must be \"container/blob-name\" of a JSON-lines blob in the pipeline's storage account.");
        return null;
    }
}
