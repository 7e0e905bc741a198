using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Limits;

/// <summary>Per-provider sliding one-minute window of accepted API requests.</summary>
internal sealed class RequestRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ProviderKind, Queue<DateTimeOffset>> _windows =
        ProviderKindExtensions.All.ToDictionary(p => p, _ => new Queue<DateTimeOffset>());

    /// <summary>Counts the request, or says how long until the window has room for it.</summary>
    public bool TryAcquire(ProviderKind provider, int perMinute, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var window = _windows[provider];
        lock (window)
        {
            while (window.Count > 0 && now - window.Peek() >= Window)
            {
                window.Dequeue();
            }

            if (window.Count < perMinute)
            {
                window.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = window.Peek() + Window - now;
            return false;
        }
    }

    public void Clear()
    {
        foreach (var window in _windows.Values)
        {
            lock (window)
            {
                window.Clear();
            }
        }
    }
}
