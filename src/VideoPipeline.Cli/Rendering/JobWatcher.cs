using System.Diagnostics;
using Azure;
using Spectre.Console;
using VideoPipeline.Client;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>
/// Waits for a job with a progress bar (phase, provider progress, elapsed time) and downloads its video with a byte
/// progress bar; on a terminal that cannot redraw, each change is one plain line instead.
/// </summary>
internal sealed class JobWatcher(CliContext context)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    /// <summary>Waits until the job ends; returns it whether it succeeded, failed or was cancelled.</summary>
    public async Task<VideoJob> WaitAsync(VideoJobOperation operation, CancellationToken cancellationToken)
    {
        if (!context.IsLive)
        {
            var last = string.Empty;
            return await WaitForEndAsync(operation, new InlineProgress<VideoJob>(job =>
            {
                var line = JobText.Progress(job);
                if (line != last)
                {
                    context.WriteLine($"{JobText.Elapsed(_elapsed)} {job.Id} {line}");
                    last = line;
                }
            }), cancellationToken);
        }

        return await Progress(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(operation.Id), maxValue: 100);
                var job = await WaitForEndAsync(operation, new InlineProgress<VideoJob>(job =>
                {
                    task.Description = Markup.Escape($"{job.Id} {JobText.Progress(job)}");
                    task.Value = JobText.Percent(job);
                }), cancellationToken);
                task.StopTask();
                return job;
            });
    }

    /// <summary>Downloads the job's video to a file, verified against the job's length and SHA-256.</summary>
    public async Task<VideoContentInfo> DownloadAsync(VideoJob job, string path, CancellationToken cancellationToken)
    {
        var total = job.Output?.Bytes ?? 0;
        if (!context.IsLive)
        {
            context.WriteLine($"{JobText.Elapsed(_elapsed)} downloading {total} bytes to {path}");
            var reported = 0L;
            var info = (await context.Client.DownloadContentAsync(job.Id, path, new InlineProgress<long>(bytes =>
            {
                // A line per quarter: enough to see it move in a log.
                var quarter = total > 0 ? bytes * 4 / total : 0;
                if (quarter > reported && bytes < total)
                {
                    context.WriteLine($"{JobText.Elapsed(_elapsed)} downloaded {bytes} of {total} bytes");
                    reported = quarter;
                }
            }), cancellationToken)).Value;
            context.WriteLine($"{JobText.Elapsed(_elapsed)} downloaded {info.Bytes} bytes, SHA-256 verified");
            return info;
        }

        return await Progress(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape($"download {path}"), maxValue: Math.Max(total, 1));
                var info = (await context.Client.DownloadContentAsync(
                    job.Id, path, new InlineProgress<long>(bytes => task.Value = bytes), cancellationToken)).Value;
                task.Description = Markup.Escape($"{path} SHA-256 verified");
                task.StopTask();
                return info;
            });
    }

    private Progress Progress(params ProgressColumn[] columns) =>
        context.Messages.Progress().AutoClear(false).Columns(columns);

    private static async Task<VideoJob> WaitForEndAsync(
        VideoJobOperation operation, IProgress<VideoJob> progress, CancellationToken cancellationToken)
    {
        try
        {
            return (await operation.WaitForCompletionAsync(progress, cancellationToken)).Value;
        }
        catch (RequestFailedException) when (operation.HasCompleted)
        {
            // A failed or cancelled job is an answer, not an error of the tool: its view says why.
            return operation.Job!;
        }
    }
}
