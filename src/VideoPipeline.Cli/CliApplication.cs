using System.CommandLine;
using VideoPipeline.Cli.Commands;

namespace VideoPipeline.Cli;

/// <summary>The <c>videopipeline</c> command tree and its invocation.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand()
    {
        var global = new GlobalOptions();
        var root = new RootCommand($"""
            Submit and watch video jobs of a VideoPipeline host (the Azure Functions app, or the local host that ./run.sh
            starts), download their verified MP4, run batches and list the model catalogue.

            Environment:
              {GlobalOptions.EndpointVariable}   the host's base URL (default {GlobalOptions.DefaultEndpoint})
              {GlobalOptions.KeyVariable}        the Functions key (x-functions-key)

            {ExitCodes.Help}
            """);
        global.AddTo(root);
        root.Subcommands.Add(SubmitCommand.Create(global));
        root.Subcommands.Add(StatusCommand.Create(global));
        root.Subcommands.Add(DownloadCommand.Create(global));
        root.Subcommands.Add(ListCommand.Create(global));
        root.Subcommands.Add(CancelCommand.Create(global));
        root.Subcommands.Add(BatchCommand.Create(global));
        root.Subcommands.Add(ModelsCommand.Create(global));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRootCommand().Parse(args);
        var exitCode = await parse.InvokeAsync();
        // System.CommandLine answers 1 for parse errors; 1 means "the job failed" here.
        return parse.Errors.Count > 0 ? ExitCodes.UsageError : exitCode;
    }
}
