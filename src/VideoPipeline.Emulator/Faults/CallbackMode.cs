namespace VideoPipeline.Emulator.Faults;

/// <summary>How the completion callback is delivered (<c>[emu:callback=…]</c>).</summary>
internal enum CallbackMode
{
    Normal,
    None,
    Duplicate,
    Early,
    Late,
}
