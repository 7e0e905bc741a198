using System.Text.Json;

namespace VideoPipeline.Core.Batches;

/// <summary>One item as the batch gave it: its JSON, or why it could not be read (a JSON-lines line that is not JSON).</summary>
public sealed record BatchItemSource(JsonElement? Json, string? ReadError = null);
