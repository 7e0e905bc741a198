namespace VideoPipeline.Core.Providers;

/// <summary>The <c>Providers</c> configuration section.</summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Providers";

    public ProviderConnectionOptions FoxApi { get; set; } = new();

    public ProviderConnectionOptions OpenAi { get; set; } = new();

    public ProviderConnectionOptions Apixo { get; set; } = new();
}
