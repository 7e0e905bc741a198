using System.CommandLine;
using Spectre.Console;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>models</c>: the model catalogue.</summary>
internal static class ModelsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var provider = new Option<string>("--provider") { Description = "Only this provider's models" };
        provider.AcceptOnlyFromAmong("foxapi", "openai", "apixo");
        var command = new Command("models", "List the models and what each accepts (GET /api/models): submit's values must come from here")
        {
            provider,
        };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(provider);
            var models = (await context.Client.GetModelsAsync(cancellationToken)).Value
                .Where(m => wanted is null || m.Provider == wanted)
                .ToList();
            if (context.Json)
            {
                context.WriteJson(new { items = models });
                return ExitCodes.Succeeded;
            }

            var table = new Table().AddColumns("provider", "model", "durations (s)", "aspect ratios / sizes", "resolutions", "inputs", "typical (s)");
            foreach (var model in models)
            {
                table.AddRow(
                    Markup.Escape(model.Provider),
                    Markup.Escape(model.Model),
                    Markup.Escape(Durations(model)),
                    Markup.Escape(string.Join(" ", model.AspectRatios.Concat(model.Sizes))),
                    Markup.Escape(string.Join(" ", model.Resolutions)),
                    Markup.Escape(string.Join(" ", model.Inputs)),
                    model.TypicalGenerationSeconds.ToString());
            }

            context.Out.Write(table);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    private static string Durations(VideoModel model) =>
        model.DurationRange is { } range ? $"{range.Min}-{range.Max}" : string.Join(" ", model.Durations);
}
