namespace VideoPipeline.Emulator.OpenAi;

/// <summary>Models, sizes and durations of the Videos API, including the dated snapshots it lists.</summary>
internal static class OpenAiModels
{
    public const string DefaultModel = "sora-2";
    public const string DefaultSize = "720x1280";
    public const string DefaultSeconds = "4";

    public static IReadOnlyList<string> Seconds { get; } = ["4", "8", "12"];

    private static readonly string[] StandardSizes = ["720x1280", "1280x720"];
    private static readonly string[] ProSizes = ["720x1280", "1280x720", "1024x1792", "1792x1024"];

    private static readonly Dictionary<string, string[]> SizesByModel = new(StringComparer.Ordinal)
    {
        ["sora-2"] = StandardSizes,
        ["sora-2-2025-10-06"] = StandardSizes,
        ["sora-2-2025-12-08"] = StandardSizes,
        ["sora-2-pro"] = ProSizes,
        ["sora-2-pro-2025-10-06"] = ProSizes,
    };

    public static IEnumerable<string> Names => SizesByModel.Keys;

    public static bool TryGetSizes(string model, out IReadOnlyList<string> sizes)
    {
        var known = SizesByModel.TryGetValue(model, out var found);
        sizes = found ?? [];
        return known;
    }
}
