using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>Normalises every status value the three dialects document in their API references.</summary>
internal static class ProviderStatusMap
{
    private static readonly Dictionary<string, ProviderTaskStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pending"] = ProviderTaskStatus.Pending, // FoxAPI, APIXO, OpenAI-compatible gateways
        ["queued"] = ProviderTaskStatus.Pending, // OpenAI
        ["processing"] = ProviderTaskStatus.Running, // FoxAPI, APIXO
        ["in_progress"] = ProviderTaskStatus.Running, // OpenAI
        ["completed"] = ProviderTaskStatus.Succeeded, // FoxAPI, OpenAI
        ["success"] = ProviderTaskStatus.Succeeded, // APIXO
        ["failed"] = ProviderTaskStatus.Failed, // all
        ["cancelled"] = ProviderTaskStatus.Cancelled, // FoxAPI (older shape)
    };

    /// <summary>The normalised status; an undocumented value is a protocol error, never a guess.</summary>
    public static ProviderTaskStatus Normalise(ProviderName provider, string? rawStatus) =>
        rawStatus is not null && Statuses.TryGetValue(rawStatus, out var status)
            ? status
            : throw ProviderErrors.Protocol(provider, $"unknown task status '{rawStatus ?? "(none)"}'");
}
