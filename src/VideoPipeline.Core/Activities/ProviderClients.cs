using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Activities;

/// <summary>The registered dialect clients, by provider.</summary>
public sealed class ProviderClients(IEnumerable<IVideoProviderClient> clients)
{
    private readonly Dictionary<ProviderName, IVideoProviderClient> _clients = clients.ToDictionary(c => c.Provider);

    public IVideoProviderClient this[ProviderName provider] =>
        _clients.TryGetValue(provider, out var client)
            ? client
            : throw new InvalidOperationException($"No client is registered for provider '{provider}'.");
}
