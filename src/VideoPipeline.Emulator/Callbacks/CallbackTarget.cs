namespace VideoPipeline.Emulator.Callbacks;

/// <summary>Where and how a provider delivers one task's callbacks.</summary>
/// <param name="RequiresExactly200">APIXO documents "answer 200"; the others accept any 2xx.</param>
internal sealed record CallbackTarget(Uri Url, CallbackOptions Options, bool RequiresExactly200 = false);
