using System.Text;
using System.Text.Json;

namespace VideoPipeline.Core.Tests.Batches;

/// <summary>Batch bodies for the tests: APIXO items with unique prompts.</summary>
internal static class BatchRequests
{
    public static object Defaults => new { provider = "apixo", model = "sora-2-pro", size = "720x1280", durationSeconds = 4 };

    public static object Item(string prompt) => new { prompt };

    public static byte[] Body(object batch) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(batch));

    public static byte[] Inline(string? batchId, params object[] items) =>
        Body(batchId is null ? new { defaults = Defaults, items } : new { batchId, defaults = Defaults, items });

    public static string NewPrompt() => $"batch item {Guid.NewGuid():N}";
}
