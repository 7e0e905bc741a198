namespace VideoPipeline.Emulator.FoxApi;

/// <param name="MaxPromptLength">
/// sora-2-preview documents 2000 tokens, checked here as characters; veo extend documents no limit, so the platform's
/// common 5000 applies.
/// </param>
internal sealed record FoxApiModel(string Name, FoxApiModelFamily Family, int MaxPromptLength)
{
    public static IReadOnlyDictionary<string, FoxApiModel> All { get; } = new FoxApiModel[]
    {
        new("sora-2-preview", FoxApiModelFamily.SoraPreview, 2000),
        new("sora-2", FoxApiModelFamily.Sora, 5000),
        new("sora-2-pro", FoxApiModelFamily.Sora, 5000),
        new("veo-3.1-extend", FoxApiModelFamily.VeoExtend, 5000),
        new("veo-3.1-extend-fast", FoxApiModelFamily.VeoExtend, 5000),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);
}
