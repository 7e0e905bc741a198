using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

internal static class ProvidersOptionsExtensions
{
    /// <summary>The connection settings of one provider.</summary>
    public static ProviderConnectionOptions For(this ProvidersOptions options, ProviderName provider) => provider switch
    {
        ProviderName.FoxApi => options.FoxApi,
        ProviderName.OpenAi => options.OpenAi,
        ProviderName.Apixo => options.Apixo,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
