namespace VideoPipeline.Emulator.Faults;

/// <summary>The <c>[emu:…]</c> directives found in a prompt.</summary>
internal sealed record JobDirectives
{
    public static JobDirectives None { get; } = new();

    public double? Seconds { get; init; }

    public long? Bytes { get; init; }

    public string? FailCode { get; init; }

    public SubmitFault SubmitFault { get; init; }

    public CallbackMode Callback { get; init; }

    public ContentCorruption Corruption { get; init; }

    public bool Expire { get; init; }
}
