namespace VideoPipeline.Emulator.Tests.Infrastructure;

public static class Prompts
{
    /// <summary>A prompt no other test uses, so per-prompt stats and first-attempt faults stay isolated.</summary>
    public static string Unique(string directives = "") => $"A red fox runs through snow {Guid.NewGuid():N} {directives}".TrimEnd();
}
