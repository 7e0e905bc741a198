namespace VideoPipeline.Core.Archive;

/// <summary>What <see cref="Mp4BoxValidator"/> has concluded so far.</summary>
public enum Mp4ValidationState
{
    /// <summary>Valid so far; more bytes or <see cref="Mp4BoxValidator.Complete"/> will tell.</summary>
    InProgress,

    /// <summary>A complete MP4: the top-level boxes start with <c>ftyp</c>, include <c>moov</c> and fill the stream exactly.</summary>
    Valid,

    /// <summary>Not an MP4 (an error page, garbage, impossible box sizes). More bytes cannot fix it.</summary>
    Invalid,

    /// <summary>Looked like an MP4 but ended inside a box: the download was cut short.</summary>
    Truncated,
}
