using System.CommandLine;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>list</c>: the newest jobs.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var status = new Option<string>("--status") { Description = "Only jobs with this status" };
        status.AcceptOnlyFromAmong("queued", "submitting", "generating", "archiving", "succeeded", "failed", "cancelled");
        var batchId = new Option<string>("--batch-id") { Description = "Only the jobs of this batch", HelpName = "id" };
        var limit = new Option<int>("--limit") { Description = "How many jobs, 1-200", HelpName = "count", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 200)
            {
                result.AddError("--limit must be from 1 to 200.");
            }
        });
        var command = new Command("list", "List jobs, newest first (GET /api/videos)") { status, batchId, limit };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(status) is { } value ? new VideoJobStatus(value) : (VideoJobStatus?)null;
            var jobs = new List<VideoJob>();
            await foreach (var page in context.Client.ListJobsAsync(wanted, parse.GetValue(batchId), cancellationToken)
                               .AsPages(pageSizeHint: parse.GetValue(limit)))
            {
                jobs.AddRange(page.Values);
            }

            if (context.Json)
            {
                context.WriteJson(new { items = jobs });
            }
            else
            {
                JobOutput.WriteTable(context.Out, jobs);
            }

            return ExitCodes.Succeeded;
        });
        return command;
    }
}
