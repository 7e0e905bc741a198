namespace VideoPipeline.Core.Providers;

/// <summary>The <c>Providers</c> configuration section.</summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Providers";

    public ProviderOptions FoxApi { get; set; } = new();

    public ProviderOptions OpenAi { get; set; } = new();

    public ProviderOptions Apixo { get; set; } = new();
}
