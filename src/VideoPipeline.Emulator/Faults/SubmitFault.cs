namespace VideoPipeline.Emulator.Faults;

/// <summary>How the first submission with a prompt misbehaves (<c>[emu:submit=…]</c>).</summary>
internal enum SubmitFault
{
    None,
    TooManyRequests,
    ServerError,
    Timeout,
}
