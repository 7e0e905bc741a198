namespace VideoPipeline.Emulator.FoxApi;

/// <summary>FoxAPI models that share one request body shape.</summary>
internal enum FoxApiModelFamily
{
    /// <summary><c>sora-2-preview</c>: <c>image_url</c>, <c>size</c>, free <c>duration</c>.</summary>
    SoraPreview,

    /// <summary><c>sora-2</c>, <c>sora-2-pro</c>: <c>image_urls</c>, <c>aspect_ratio</c>, fixed durations, <c>resolution</c>.</summary>
    Sora,

    /// <summary><c>veo-3.1-extend</c>, <c>veo-3.1-extend-fast</c>: a source <c>video</c> (or <c>video_url</c>) extended by 7 s.</summary>
    VeoExtend,
}
