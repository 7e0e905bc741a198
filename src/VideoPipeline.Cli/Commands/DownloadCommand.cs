using System.CommandLine;
using VideoPipeline.Cli.Rendering;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>download</c>: a succeeded job's video, verified against its SHA-256.</summary>
internal static class DownloadCommand
{
    public static Command Create(GlobalOptions global)
    {
        var jobId = JobIdArgument.Create();
        var output = new Option<string>("--output", "-o") { Description = "Where to save the video (default ./<job-id>.mp4)", HelpName = "file" };
        var command = new Command("download", "Download a succeeded job's MP4, verified against the job's length and SHA-256")
        {
            jobId, output,
        };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var job = (await context.Client.GetJobAsync(parse.GetValue(jobId)!, cancellationToken)).Value;
            var path = parse.GetValue(output) ?? $"{job.Id}.mp4";
            var download = await new JobWatcher(context).DownloadAsync(job, path, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { path, download.Bytes, download.Sha256, download.ContentType });
            }
            else
            {
                JobOutput.WriteDetails(context.Out, job, download, path);
            }

            return ExitCodes.Succeeded;
        });
        return command;
    }
}
