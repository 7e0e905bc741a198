using System.Diagnostics;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>How a job reads in one line.</summary>
internal static class JobText
{
    /// <summary><c>generating 40% · Provider status 'processing'</c>.</summary>
    public static string Progress(VideoJob job)
    {
        var percent = job.Progress is { } progress ? $" {progress}%" : string.Empty;
        var phase = string.IsNullOrEmpty(job.Phase) ? string.Empty : $" · {job.Phase}";
        return $"{job.Status}{percent}{phase}";
    }

    /// <summary>The bar's value: the provider's progress, full once the video is archived.</summary>
    public static double Percent(VideoJob job) => job.Status == VideoJobStatus.Succeeded ? 100 : job.Progress ?? 0;

    /// <summary><c>[01:05]</c>: minutes and seconds since the stopwatch started.</summary>
    public static string Elapsed(Stopwatch stopwatch) => $"[{(int)stopwatch.Elapsed.TotalMinutes:00}:{stopwatch.Elapsed.Seconds:00}]";
}
