namespace VideoPipeline.Emulator;

/// <summary>
/// Settings of the provider emulator, bound from the <c>Emulator</c> configuration section (environment variables
/// use <c>Emulator__…</c>). Every default mirrors the providers' documented behaviour unless noted.
/// </summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The address the standalone emulator listens on when no <c>Urls</c> are configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7072";

    /// <summary>
    /// Base of the result links the emulator hands out (FoxAPI <c>results</c>, APIXO <c>resultUrls</c>). When null,
    /// the scheme and host of the request that created the task are used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// A folder to keep tasks in (one JSON file per task under <c>tasks/</c>), so that they survive a restart as a
    /// real provider's do: status, results and pending callbacks carry on. Null keeps them in memory only. A
    /// relative path is resolved against the working directory.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Generation time of a task without an <c>[emu:seconds=N]</c> directive.</summary>
    public double DefaultGenerationSeconds { get; set; } = 5;

    /// <summary>Size of a result MP4 without an <c>[emu:bytes=N]</c> directive.</summary>
    public long DefaultResultBytes { get; set; } = 1024 * 1024;

    /// <summary>How long after completion <c>[emu:callback=late]</c> sends its callback.</summary>
    public TimeSpan LateCallbackDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>[emu:submit=timeout]</c> holds the request after creating the task before dropping the connection.</summary>
    public TimeSpan SubmitTimeoutDelay { get; set; } = TimeSpan.FromSeconds(1);

    public FoxApiEmulatorOptions FoxApi { get; set; } = new();

    public OpenAiEmulatorOptions OpenAi { get; set; } = new();

    public ApixoEmulatorOptions Apixo { get; set; } = new();
}
