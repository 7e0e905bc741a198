namespace VideoPipeline.Emulator.Apixo;

internal static class ApixoModels
{
    public const string Sora2Pro = "sora-2-pro";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Sora2Pro };
}
