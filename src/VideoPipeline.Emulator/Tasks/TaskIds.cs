using System.Security.Cryptography;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>Identifiers shaped like each provider's own.</summary>
internal static class TaskIds
{
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>FoxAPI: <c>task-unified-{unix seconds}-{8 lowercase alphanumerics}</c>.</summary>
    public static string FoxApiTask(DateTimeOffset now) =>
        $"task-unified-{now.ToUnixTimeSeconds()}-{RandomNumberGenerator.GetString(LowerAlphanumeric, 8)}";

    /// <summary>OpenAI: <c>video_</c> followed by 48 hex digits.</summary>
    public static string OpenAiVideo() => "video_" + Hex(24);

    public static string OpenAiEvent() => "evt_" + Hex(24);

    public static string WebhookMessage() => "wh_" + Hex(16);

    public static string ApixoTask() => Hex(16);

    public static string FileToken() => Hex(16);

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
