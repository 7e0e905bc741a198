using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Marks the next provider request of the current async flow as already paid for. A submit takes its request from the
/// budget before it records "sending" in the submission ledger, so a crash while it waits for budget is not mistaken
/// for a request that may have reached the provider; the HTTP handler then must not take a second one.
/// </summary>
public static class PrepaidProviderRequest
{
    private static readonly AsyncLocal<Permit?> Current = new();

    /// <summary>Until disposed, the first request to <paramref name="provider"/> in this flow skips the budget.</summary>
    public static IDisposable Begin(ProviderName provider)
    {
        var previous = Current.Value;
        Current.Value = new Permit(provider);
        return new Scope(previous);
    }

    /// <summary>Uses up the prepaid request when one is open for <paramref name="provider"/>.</summary>
    internal static bool TryConsume(ProviderName provider)
    {
        // The permit object is shared with the flow that opened it, so using it up here is seen there too.
        var permit = Current.Value;
        if (permit is null || permit.Provider != provider)
        {
            return false;
        }

        return Interlocked.Exchange(ref permit.Used, 1) == 0;
    }

    private sealed class Permit(ProviderName provider)
    {
        public int Used;

        public ProviderName Provider { get; } = provider;
    }

    private sealed class Scope(Permit? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
