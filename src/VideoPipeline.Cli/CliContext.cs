using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using VideoPipeline.Client;

namespace VideoPipeline.Cli;

/// <summary>
/// What a running command works with: the client, standard output for results, and a console for progress and
/// messages. Progress is drawn live only on an interactive terminal; redirected output gets plain lines and no escape
/// codes, and with <c>--json</c> standard output carries nothing but JSON.
/// </summary>
internal sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private const int RedirectedWidth = 240;

    public CliContext(ParseResult parse, GlobalOptions global)
    {
        Client = global.CreateClient(parse);
        Json = parse.GetValue(global.Json);
        Out = CreateConsole(Console.Out, Console.IsOutputRedirected);
        Messages = Json ? CreateConsole(Console.Error, Console.IsErrorRedirected) : Out;
    }

    public VideoPipelineClient Client { get; }

    public bool Json { get; }

    /// <summary>Results: tables and summaries (text mode).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress and messages: standard output, or standard error with <c>--json</c>.</summary>
    public IAnsiConsole Messages { get; }

    /// <summary>Whether progress can be redrawn in place (an interactive terminal that understands ANSI).</summary>
    public bool IsLive => Messages.Profile.Capabilities is { Interactive: true, Ansi: true };

    public void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>A plain line of progress or information, markup-free.</summary>
    public void WriteLine(string text) => Messages.Profile.Out.Writer.WriteLine(text);

    public void WriteError(string text) => Console.Error.WriteLine(text);

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A file or pipe has no width: let tables be as wide as their content rather than wrap at 80 columns.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
