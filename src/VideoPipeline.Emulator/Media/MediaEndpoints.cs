using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Media;

/// <summary>Public result files (FoxAPI and APIXO hand out these links) and sample inputs for image/video models.</summary>
internal static class MediaEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/files/{token}.mp4", GetAndHead, GetFile);
        endpoints.MapMethods("/samples/first-frame.png", GetAndHead, (MediaAssets media) =>
            Results.Bytes(media.FirstFramePng, "image/png", enableRangeProcessing: true));
        endpoints.MapMethods("/samples/input.mp4", GetAndHead, (MediaAssets media) =>
            Results.Bytes(media.Clip, "video/mp4", enableRangeProcessing: true));
    }

    private static IResult GetFile(
        string token, HttpContext context, TaskStore store, EmulatorStats stats, MediaAssets media, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (!store.TryGetByFileToken(token, out var task)
            || task.Provider == ProviderKind.OpenAi
            || task.SnapshotAt(now).Phase != TaskPhase.Completed)
        {
            return CdnErrors.NoSuchKey();
        }

        if (now >= task.ResultExpiresAt)
        {
            return CdnErrors.Expired();
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            stats.Record(StatKind.ContentDownloads, task.Provider, task);
        }

        return ResultContent.Video(task, media);
    }
}
