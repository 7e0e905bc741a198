using System.Text.Json;

namespace VideoPipeline.Core.Batches;

/// <summary>A batch message's envelope, read but not yet expanded: inline items or a reference to an items blob.</summary>
internal sealed record BatchDocument(
    string? BatchId,
    JsonElement? Defaults,
    IReadOnlyList<BatchItemSource>? Items,
    ItemsBlobReference? ItemsBlob);
