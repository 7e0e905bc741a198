using System.CommandLine;

namespace VideoPipeline.Cli.Commands;

/// <summary>The job id argument of the commands that act on one job.</summary>
internal static class JobIdArgument
{
    public static Argument<string> Create() => new("job-id") { Description = "The job id (from submit or list)" };
}
