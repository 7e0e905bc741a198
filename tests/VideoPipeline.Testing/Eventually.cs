namespace VideoPipeline.Testing;

/// <summary>
/// Polls until a condition holds. The machines are shared and slow, so only a generous deadline ends the wait, and
/// it is a guard against hanging, not a timing assertion.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static async Task<T> GetAsync<T>(
        Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var last = await read();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {limit}; last seen: {last}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(condition, ok => ok, what, timeout);
}
