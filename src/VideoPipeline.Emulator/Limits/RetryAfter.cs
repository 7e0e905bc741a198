using System.Globalization;

namespace VideoPipeline.Emulator.Limits;

internal static class RetryAfter
{
    /// <summary>Writes <c>Retry-After</c> in whole seconds, rounded up and at least 1, as HTTP requires.</summary>
    public static void Set(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
