using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Api;

/// <summary>
/// One catalogue entry on the wire. <see cref="ModelDefinition"/> itself does not serialise well (a tuple, a flags
/// enum, a <see cref="TimeSpan"/>), and keeping the wire shape separate lets the catalogue change without breaking it.
/// </summary>
public sealed record ModelView
{
    public required ProviderName Provider { get; init; }
    public required string Model { get; init; }
    public required string DisplayName { get; init; }

    /// <summary>Allowed durations in seconds; empty when the model takes none or takes a <see cref="DurationRange"/>.</summary>
    public required IReadOnlyList<int> Durations { get; init; }

    public DurationRange? DurationRange { get; init; }
    public int? DefaultDuration { get; init; }
    public required IReadOnlyList<string> AspectRatios { get; init; }
    public required IReadOnlyList<string> Sizes { get; init; }
    public required IReadOnlyList<string> Resolutions { get; init; }

    /// <summary>APIXO: <c>size</c> applies to text-to-video only and <c>resolution</c> to image-to-video only.</summary>
    public bool SizeForTextResolutionForImage { get; init; }

    public required int MaxPromptLength { get; init; }

    /// <summary><c>text</c>, <c>firstFrameImage</c> (<c>imageUrl</c>) and <c>sourceVideo</c> (<c>sourceVideoUrl</c>).</summary>
    public required IReadOnlyList<InputKinds> Inputs { get; init; }

    public bool RequiresSourceVideo { get; init; }
    public bool SupportsGenerateAudio { get; init; }
    public CallbackKind Callback { get; init; }
    public bool SupportsCancel { get; init; }
    public bool SupportsDelete { get; init; }
    public required int TypicalGenerationSeconds { get; init; }
    public required IReadOnlyList<ProviderOptionRule> ProviderOptions { get; init; }

    public static ModelView From(ModelDefinition model) => new()
    {
        Provider = model.Provider,
        Model = model.Model,
        DisplayName = model.DisplayName,
        Durations = model.Durations,
        DurationRange = model.DurationRange is var (min, max) ? new DurationRange(min, max) : null,
        DefaultDuration = model.DefaultDuration,
        AspectRatios = model.AspectRatios,
        Sizes = model.Sizes,
        Resolutions = model.Resolutions,
        SizeForTextResolutionForImage = model.SizeForTextResolutionForImage,
        MaxPromptLength = model.MaxPromptLength,
        Inputs = [.. Enum.GetValues<InputKinds>().Where(kind => model.Inputs.HasFlag(kind))],
        RequiresSourceVideo = model.RequiresSourceVideo,
        SupportsGenerateAudio = model.SupportsGenerateAudio,
        Callback = model.Callback,
        SupportsCancel = model.SupportsCancel,
        SupportsDelete = model.SupportsDelete,
        TypicalGenerationSeconds = (int)Math.Round(model.TypicalGenerationTime.TotalSeconds),
        ProviderOptions = model.ProviderOptions,
    };
}
