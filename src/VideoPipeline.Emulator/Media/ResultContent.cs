using Microsoft.Net.Http.Headers;
using VideoPipeline.Emulator.Faults;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Media;

/// <summary>The bytes of a finished task's video, honouring its <c>[emu:corrupt=…]</c> directive.</summary>
internal static class ResultContent
{
    // A proxy's error page served with 200, the classic way an HTML body ends up stored as a video.
    private const string ErrorPage =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>" +
        "<body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>";

    public static IResult Video(EmulatedTask task, MediaAssets media) => task.Directives.Corruption switch
    {
        ContentCorruption.Html => Results.Content(ErrorPage, "text/html; charset=utf-8"),
        ContentCorruption.Truncate => new TruncatedContentResult(new PaddedMp4Stream(media.Clip, task.ResultBytes), "video/mp4"),
        _ => Results.Stream(
            new PaddedMp4Stream(media.Clip, task.ResultBytes),
            "video/mp4",
            lastModified: task.CompletedAt,
            entityTag: new EntityTagHeaderValue($"\"{task.FileToken}\""),
            enableRangeProcessing: true),
    };
}
