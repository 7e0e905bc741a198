using System.CommandLine;
using VideoPipeline.Cli;
using VideoPipeline.Client.Tests.Infrastructure;

namespace VideoPipeline.Client.Tests.Cli;

[Collection(StackCollection.Name)]
public sealed class CliHelpTests(ClientStack stack)
{
    private static readonly string[] CommandNames = ["submit", "status", "download", "list", "cancel", "batch", "models"];

    public static TheoryData<string> Commands => new(CommandNames);

    [Fact]
    public void CreateRootCommand_EveryCommandOptionAndArgument_HasADescription()
    {
        var root = CliApplication.CreateRootCommand();

        var undescribed = Symbols(root).Where(s => string.IsNullOrWhiteSpace(s.Description)).Select(s => s.Name).ToList();

        Assert.Empty(undescribed);
        Assert.Equal(CommandNames, root.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public async Task Help_Root_ListsTheCommandsExitCodesAndEnvironment()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), Path.GetTempPath(), "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in CommandNames)
        {
            Assert.Contains($"\n  {command}", result.Stdout);
        }

        foreach (var code in new[] { "0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "130 " })
        {
            Assert.Contains($"\n    {code}", result.Stdout);
        }

        Assert.Contains("VIDEOPIPELINE_ENDPOINT", result.Stdout);
        Assert.Contains("VIDEOPIPELINE_KEY", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_Command_DescribesEveryOption(string name)
    {
        var command = CliApplication.CreateRootCommand().Subcommands.Single(c => c.Name == name);

        var result = await CliProcess.RunAsync(stack, Path.GetTempPath(), name, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(command.Description!, result.Stdout);
        foreach (var option in command.Options)
        {
            Assert.Contains(option.Name, result.Stdout);
            Assert.Contains(option.Description!, result.Stdout);
        }

        Assert.Contains("--endpoint", result.Stdout);
        Assert.DoesNotContain(ClientStack.FunctionKey, result.Stdout);
    }

    private static IEnumerable<Symbol> Symbols(Command command) =>
        command.Options.Cast<Symbol>()
            .Concat(command.Arguments)
            .Concat(command.Subcommands)
            .Concat(command.Subcommands.SelectMany(Symbols));
}
