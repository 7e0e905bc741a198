using System.CommandLine;
using Spectre.Console;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>cancel</c>: asks the workflow to cancel a job.</summary>
internal static class CancelCommand
{
    public static Command Create(GlobalOptions global)
    {
        var jobId = JobIdArgument.Create();
        var command = new Command(
            "cancel",
            "Cancel a job (POST /api/videos/{id}/cancel): it is cancelled at the provider where the provider can, and ends as cancelled; refused (exit 3) once it has ended or while it is archived")
        {
            jobId,
        };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var job = (await context.Client.CancelJobAsync(parse.GetValue(jobId)!, cancellationToken)).Value;
            if (context.Json)
            {
                context.WriteJson(job);
            }
            else
            {
                context.Out.WriteLine($"Cancellation requested for job {job.Id} (it was {job.Status}).");
            }

            return ExitCodes.Succeeded;
        });
        return command;
    }
}
