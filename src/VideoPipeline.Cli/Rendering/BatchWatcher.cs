using System.Diagnostics;
using Spectre.Console;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>
/// Watches a batch until every job has ended: a live table of its items, or, on a terminal that cannot redraw, one
/// plain line per item whose status changed.
/// </summary>
internal sealed class BatchWatcher(CliContext context)
{
    // The batch view carries no Retry-After; it reads every job, so once a second is plenty.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public async Task<VideoBatch> WaitAsync(string batchId, CancellationToken cancellationToken)
    {
        var batch = await ReadAsync(batchId, cancellationToken);
        if (!context.IsLive)
        {
            var seen = new Dictionary<int, string>();
            while (true)
            {
                foreach (var item in batch.Items)
                {
                    var line = BatchOutput.Describe(item);
                    if (!seen.TryGetValue(item.Index, out var last) || last != line)
                    {
                        context.WriteLine($"{JobText.Elapsed(_elapsed)} #{item.Index} {item.JobId ?? "-"} {line}");
                        seen[item.Index] = line;
                    }
                }

                if (batch.IsFinished)
                {
                    return batch;
                }

                await Task.Delay(PollInterval, cancellationToken);
                batch = await ReadAsync(batchId, cancellationToken);
            }
        }

        await context.Messages.Live(BatchOutput.View(batch)).StartAsync(async live =>
        {
            while (!batch.IsFinished)
            {
                await Task.Delay(PollInterval, cancellationToken);
                batch = await ReadAsync(batchId, cancellationToken);
                live.UpdateTarget(BatchOutput.View(batch));
            }
        });
        return batch;
    }

    private async Task<VideoBatch> ReadAsync(string batchId, CancellationToken cancellationToken) =>
        (await context.Client.GetBatchAsync(batchId, cancellationToken)).Value;
}
