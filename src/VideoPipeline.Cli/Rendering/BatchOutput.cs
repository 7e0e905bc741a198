using Spectre.Console;
using Spectre.Console.Rendering;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Rendering;

/// <summary>Batches as text: the items as the service accepted them, or as they are now.</summary>
internal static class BatchOutput
{
    public static void WriteAccepted(IAnsiConsole console, VideoBatchAccepted batch)
    {
        console.WriteLine($"Batch {batch.Id}: {batch.Accepted} of {batch.Items} items started, {batch.Invalid} invalid.");
        var table = new Table().AddColumns("#", "job", "status");
        foreach (var item in batch.Jobs)
        {
            table.AddRow(item.Index.ToString(), Markup.Escape(item.Id ?? string.Empty), Markup.Escape(Describe(item.Status, null, item.Errors)));
        }

        console.Write(table);
    }

    /// <summary>A headline with the counts per status, then one row per item.</summary>
    public static IRenderable View(VideoBatch batch)
    {
        var counts = string.Join(", ", batch.Counts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"));
        var table = new Table().AddColumns("#", "job", "status");
        foreach (var item in batch.Items)
        {
            table.AddRow(item.Index.ToString(), Markup.Escape(item.JobId ?? string.Empty), Markup.Escape(Describe(item)));
        }

        return new Rows(new Text($"Batch {batch.Id}: {batch.Status} ({counts})"), table);
    }

    /// <summary><c>failed: content_violation</c>, <c>invalid: prompt: Must not be empty.</c>, or the status alone.</summary>
    public static string Describe(VideoBatchItem item) => Describe(item.Status, item.Error, item.Errors);

    private static string Describe(string status, VideoJobError? error, IReadOnlyDictionary<string, string[]>? errors) =>
        error is not null ? $"{status}: {error.Code}"
        : errors is { Count: > 0 } ? $"{status}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}"
        : status;
}
