using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>Finds the dialect client for a provider. Registered by <c>AddVideoProviders</c>.</summary>
public interface IVideoProviderResolver
{
    /// <summary>The client speaking <paramref name="provider"/>'s dialect.</summary>
    IVideoProviderClient GetClient(ProviderName provider);
}
