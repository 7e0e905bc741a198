namespace VideoPipeline.Emulator.Callbacks;

/// <summary>One callback body, delivered unchanged on every retry.</summary>
/// <param name="HeadersForAttempt">Headers computed per attempt, e.g. a webhook signature over the attempt's timestamp.</param>
internal sealed record CallbackMessage(
    byte[] Body,
    Func<DateTimeOffset, IEnumerable<KeyValuePair<string, string>>>? HeadersForAttempt = null);
