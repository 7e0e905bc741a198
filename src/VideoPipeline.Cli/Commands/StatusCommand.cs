using System.CommandLine;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>status</c>: a job's view; with <c>--wait</c>, its progress until it ends.</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global)
    {
        var jobId = JobIdArgument.Create();
        var wait = new Option<bool>("--wait") { Description = "Show the job's progress until it ends (exit code 1 if it fails)" };
        var command = new Command("status", "Show a job (GET /api/videos/{id})") { jobId, wait };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var id = parse.GetValue(jobId)!;
            VideoJob job;
            if (parse.GetValue(wait))
            {
                job = await new JobWatcher(context).WaitAsync(new VideoJobOperation(id, context.Client), cancellationToken);
            }
            else
            {
                job = (await context.Client.GetJobAsync(id, cancellationToken)).Value;
            }

            if (context.Json)
            {
                context.WriteJson(job);
            }
            else
            {
                JobOutput.WriteDetails(context.Out, job);
            }

            return job.Status == VideoJobStatus.Failed || job.Status == VideoJobStatus.Cancelled
                ? ExitCodes.JobFailed
                : ExitCodes.Succeeded;
        });
        return command;
    }
}
