using System.Globalization;
using Spectre.Console;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>Jobs as text: one job in detail, or a table of many.</summary>
internal static class JobOutput
{
    public static void WriteDetails(IAnsiConsole console, VideoJob job, VideoContentInfo? download = null, string? path = null)
    {
        var rows = new List<(string Name, string Value)>
        {
            ("job", job.Id),
            ("status", JobText.Progress(job)),
            ("provider", $"{job.Provider.Name} {job.Provider.Model}{(job.Provider.TaskId is { } task ? $" (task {task})" : string.Empty)}"),
        };
        if (job.BatchId is not null)
        {
            rows.Add(("batch", job.BatchId));
        }

        if (job.Error is { } error)
        {
            rows.Add(("error", $"{error.Code}: {error.Message}"));
        }

        if (job.Output is { } output)
        {
            rows.Add(("video", output.BlobUri?.AbsoluteUri ?? $"{output.Container}/{output.BlobName} (not archived yet)"));
            if (output.Bytes is { } bytes)
            {
                rows.Add(("bytes", bytes.ToString(CultureInfo.InvariantCulture)));
            }

            if (output.Sha256 is { } sha256)
            {
                rows.Add(("sha256", sha256));
            }
        }

        if (download is not null)
        {
            rows.Add(("file", $"{path} ({download.Bytes} bytes, SHA-256 verified)"));
        }

        rows.Add(("created", job.CreatedAt.ToString("u", CultureInfo.InvariantCulture)));
        if (job.CompletedAt is { } completed)
        {
            rows.Add(("completed", $"{completed.ToString("u", CultureInfo.InvariantCulture)} ({(completed - job.CreatedAt).TotalSeconds:0.0} s)"));
        }

        foreach (var (name, value) in rows)
        {
            console.WriteLine($"{name,-10} {value}");
        }
    }

    public static void WriteTable(IAnsiConsole console, IReadOnlyList<VideoJob> jobs)
    {
        var table = new Table().AddColumns("job", "status", "progress", "model", "created");
        foreach (var job in jobs)
        {
            table.AddRow(
                Markup.Escape(job.Id),
                Markup.Escape(job.Status.ToString()),
                job.Progress is { } progress ? $"{progress}%" : string.Empty,
                Markup.Escape($"{job.Provider.Name} {job.Provider.Model}"),
                job.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
