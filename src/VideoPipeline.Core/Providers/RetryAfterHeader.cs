using System.Globalization;

namespace VideoPipeline.Core.Providers;

/// <summary>Reads how long a provider asks us to wait (RFC 9110 §10.2.3 <c>Retry-After</c>, and OpenAI's <c>retry-after-ms</c>).</summary>
internal static class RetryAfterHeader
{
    /// <summary>RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.</summary>
    private static readonly string[] HttpDateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd MMM d HH:mm:ss yyyy",
    ];

    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var millisValues)
            && double.TryParse(millisValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && millis >= 0 && millis < TimeSpan.MaxValue.TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            ? Parse(values.FirstOrDefault(), timeProvider.GetUtcNow())
            : null;
    }

    /// <summary>Parses <c>delay-seconds</c> or an HTTP-date (relative to <paramref name="now"/>); null when absent or malformed.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        }

        if (DateTimeOffset.TryParseExact(
                value,
                HttpDateFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite,
                out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
