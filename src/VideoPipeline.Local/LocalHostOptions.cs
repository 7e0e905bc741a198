namespace VideoPipeline.Local;

/// <summary>The <c>LocalHost</c> configuration section.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>When set, API calls must send it as <c>x-functions-key</c>, as with Azure Functions keys.</summary>
    public string? FunctionKey { get; set; }

    /// <summary>The provider emulator that providers without an API key are pointed at.</summary>
    public EmulatorConnectionOptions Emulator { get; set; } = new();
}
