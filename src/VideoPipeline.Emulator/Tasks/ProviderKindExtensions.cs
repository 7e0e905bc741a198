namespace VideoPipeline.Emulator.Tasks;

internal static class ProviderKindExtensions
{
    public static IReadOnlyList<ProviderKind> All { get; } = [ProviderKind.FoxApi, ProviderKind.OpenAi, ProviderKind.Apixo];

    /// <summary>The provider names the pipeline uses (<c>foxapi|openai|apixo</c>), so stats read like job requests.</summary>
    public static string WireName(this ProviderKind provider) => provider switch
    {
        ProviderKind.FoxApi => "foxapi",
        ProviderKind.OpenAi => "openai",
        ProviderKind.Apixo => "apixo",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static IProviderEmulatorOptions SettingsIn(this ProviderKind provider, EmulatorOptions options) => provider switch
    {
        ProviderKind.FoxApi => options.FoxApi,
        ProviderKind.OpenAi => options.OpenAi,
        ProviderKind.Apixo => options.Apixo,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
