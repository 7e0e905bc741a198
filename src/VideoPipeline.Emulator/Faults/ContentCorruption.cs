namespace VideoPipeline.Emulator.Faults;

/// <summary>How the result download is broken (<c>[emu:corrupt=…]</c>).</summary>
internal enum ContentCorruption
{
    None,
    Truncate,
    Html,
}
