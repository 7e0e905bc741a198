namespace VideoPipeline.Core.Providers.FoxApi;

/// <summary>
/// The field names one FoxAPI model family uses on the wire, where the families differ. Everything else (which
/// fields apply at all: durations, resolutions, audio, provider options) comes from the model catalogue.
/// </summary>
/// <param name="ImageField">First-frame image field, or null when the model takes no image.</param>
/// <param name="ImageAsList">The image goes in a one-item array (<c>image_urls</c>) rather than a string.</param>
/// <param name="AspectRatioField">Where <c>aspectRatio</c> goes (<c>size</c> for sora-2-preview, else <c>aspect_ratio</c>).</param>
/// <param name="SourceVideoField">Source video field for extend models, or null.</param>
internal sealed record FoxApiWireShape(string? ImageField, bool ImageAsList, string AspectRatioField, string? SourceVideoField)
{
    private static readonly FoxApiWireShape SoraPreview = new("image_url", ImageAsList: false, "size", SourceVideoField: null);
    private static readonly FoxApiWireShape Sora = new("image_urls", ImageAsList: true, "aspect_ratio", SourceVideoField: null);

    // Newer FoxAPI docs call the field video_url; the documented (seed 004) name is video.
    private static readonly FoxApiWireShape VeoExtend = new(ImageField: null, ImageAsList: false, "aspect_ratio", "video");

    /// <summary>Seeds 000 (sora-2-preview), 001 (sora-2, sora-2-pro), 004 (veo-3.1-extend, -fast).</summary>
    public static IReadOnlyDictionary<string, FoxApiWireShape> ByModel { get; } = new Dictionary<string, FoxApiWireShape>
    {
        ["sora-2-preview"] = SoraPreview,
        ["sora-2"] = Sora,
        ["sora-2-pro"] = Sora,
        ["veo-3.1-extend"] = VeoExtend,
        ["veo-3.1-extend-fast"] = VeoExtend,
    };
}
