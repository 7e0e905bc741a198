using System.Collections.Concurrent;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Faults;

/// <summary>
/// Remembers which prompts already had their first submission, so <c>[emu:submit=…]</c> misbehaves exactly once per
/// provider and prompt and a retry of the same request succeeds.
/// </summary>
internal sealed class FirstAttemptRegistry
{
    private readonly ConcurrentDictionary<(ProviderKind, string), byte> _seen = new();

    /// <summary>True only for the first call with this provider and prompt.</summary>
    public bool TryClaimFirst(ProviderKind provider, string prompt) => _seen.TryAdd((provider, prompt), 0);

    public void Clear() => _seen.Clear();
}
