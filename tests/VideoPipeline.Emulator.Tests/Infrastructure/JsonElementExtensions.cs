using System.Text.Json;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

public static class JsonElementExtensions
{
    public static string? Str(this JsonElement element, string name) => element.GetProperty(name).GetString();

    public static bool IsNull(this JsonElement element, string name) => element.GetProperty(name).ValueKind == JsonValueKind.Null;

    /// <summary>A counter from <c>GET /emulator/stats</c>: <c>Stat(stats, "tasks", id, "statusCalls")</c>.</summary>
    public static long Stat(this JsonElement stats, params string[] path)
    {
        var current = stats;
        foreach (var segment in path)
        {
            if (!current.TryGetProperty(segment, out current))
            {
                return 0;
            }
        }

        return current.GetInt64();
    }
}
