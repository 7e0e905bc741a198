using Spectre.Console;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>Jobs as text: one job in detail, or a table of many.</summary>
internal static class JobOutput
{
    public static void WriteDetails(IAnsiConsole console, VideoJob job, VideoContentInfo? download = null, string? path = null)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "job", job.Id);
        Row(grid, "status", JobText.Progress(job));
        Row(grid, "provider", $"{job.Provider.Name} {job.Provider.Model}{(job.Provider.TaskId is { } task ? $" (task {task})" : string.Empty)}");
        if (job.BatchId is not null)
        {
            Row(grid, "batch", job.BatchId);
        }

        if (job.Error is { } error)
        {
            Row(grid, "error", $"{error.Code}: {error.Message}");
        }

        if (job.Output is { } output)
        {
            Row(grid, "video", output.BlobUri?.AbsoluteUri ?? $"{output.Container}/{output.BlobName} (not archived yet)");
            if (output.Bytes is { } bytes)
            {
                Row(grid, "bytes", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (output.Sha256 is { } sha256)
            {
                Row(grid, "sha256", sha256);
            }
        }

        if (download is not null)
        {
            Row(grid, "file", $"{path} ({download.Bytes} bytes, SHA-256 verified)");
        }

        Row(grid, "created", job.CreatedAt.ToString("u"));
        if (job.CompletedAt is { } completed)
        {
            Row(grid, "completed", $"{completed:u} ({(completed - job.CreatedAt).TotalSeconds:0.0} s)");
        }

        console.Write(grid);
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
                job.CreatedAt.ToString("u"));
        }

        console.Write(table);
    }

    private static void Row(Grid grid, string name, string value) => grid.AddRow(Markup.Escape(name), Markup.Escape(value));
}
