namespace VideoPipeline.Core.Jobs;

/// <summary>
/// What one provider's model accepts, as data. Validation, the dialects and <c>GET /api/models</c> read it;
/// provider differences live here rather than in conditionals.
/// </summary>
public sealed record ModelDefinition
{
    public required ProviderName Provider { get; init; }

    /// <summary>The model id callers use and the provider receives.</summary>
    public required string Model { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Allowed durations in seconds; empty when the model does not take a duration (Veo extend).</summary>
    public IReadOnlyList<int> Durations { get; init; } = [];

    /// <summary>Inclusive range for models whose docs give no closed set of durations.</summary>
    public (int Min, int Max)? DurationRange { get; init; }

    public int? DefaultDuration { get; init; }

    /// <summary>Allowed <c>aspectRatio</c> values (e.g. <c>16:9</c>); empty when the model takes a size instead.</summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = [];

    /// <summary>Allowed <c>size</c> values as <c>WIDTHxHEIGHT</c>; the dialect translates to the wire format.</summary>
    public IReadOnlyList<string> Sizes { get; init; } = [];

    /// <summary>Allowed <c>resolution</c> values (e.g. <c>720p</c>).</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = [];

    /// <summary>APIXO: <c>size</c> applies to text-to-video only and <c>resolution</c> to image-to-video only.</summary>
    public bool SizeForTextResolutionForImage { get; init; }

    public required int MaxPromptLength { get; init; }

    public InputKinds Inputs { get; init; } = InputKinds.Text;

    /// <summary>The source video is mandatory (extend models).</summary>
    public bool RequiresSourceVideo { get; init; }

    public bool SupportsGenerateAudio { get; init; }

    public CallbackKind Callback { get; init; }

    /// <summary>The provider has a documented way to cancel a running task.</summary>
    public bool SupportsCancel { get; init; }

    /// <summary>The provider can delete the generated video after we archived it.</summary>
    public bool SupportsDelete { get; init; }

    /// <summary>Typical generation time, the first polling estimate when the provider gives none.</summary>
    public required TimeSpan TypicalGenerationTime { get; init; }

    public IReadOnlyList<ProviderOptionRule> ProviderOptions { get; init; } = [];
}
