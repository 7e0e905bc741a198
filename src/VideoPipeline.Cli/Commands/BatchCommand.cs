using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>batch</c>: starts a batch from a JSON-lines file; with <c>--wait</c>, a live table of its items.</summary>
internal static class BatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "JSON lines: one job request per line (the body of submit's request, optionally with an idempotencyKey)",
        };
        file.AcceptExistingOnly();
        var batchId = new Option<string>("--batch-id")
        {
            Description = "1-64 letters, digits, - or _ (default: named after the content, so running the same file again is the same batch)",
            HelpName = "id",
        };
        var defaults = new Option<string>("--defaults")
        {
            Description = "A JSON object merged under every item, e.g. '{\"provider\":\"apixo\",\"model\":\"sora-2-pro\"}'",
            HelpName = "json",
        };
        var wait = new Option<bool>("--wait") { Description = "Show a live table of the items until every job has ended" };
        var command = new Command(
            "batch",
            "Start a batch of jobs (POST /api/batches); exit 3 if any item is invalid, 1 if (with --wait) any job failed or was cancelled")
        {
            file, batchId, defaults, wait,
        };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var batch = await ReadAsync(parse.GetValue(file)!, cancellationToken);
            batch.BatchId = parse.GetValue(batchId);
            batch.Defaults = Defaults(parse.GetValue(defaults));
            var accepted = (await context.Client.StartBatchAsync(batch, cancellationToken)).Value;
            if (!parse.GetValue(wait))
            {
                if (context.Json)
                {
                    context.WriteJson(accepted);
                }
                else
                {
                    BatchOutput.WriteAccepted(context.Out, accepted);
                }

                return accepted.Invalid > 0 ? ExitCodes.RequestRejected : ExitCodes.Succeeded;
            }

            var finished = await new BatchWatcher(context).WaitAsync(accepted.Id, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(finished);
            }
            else if (!context.IsLive)
            {
                context.Out.Write(BatchOutput.View(finished));
            }

            return accepted.Invalid > 0 ? ExitCodes.RequestRejected
                : finished.Items.Any(i => i.Status is "failed" or "cancelled") ? ExitCodes.JobFailed
                : ExitCodes.Succeeded;
        });
        return command;
    }

    private static async Task<VideoBatchRequest> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = file.OpenRead();
            return await VideoBatchRequest.FromJsonLinesAsync(stream, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw new UsageException($"{file.Name}: {exception.Message}", exception);
        }
    }

    private static JsonObject? Defaults(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new UsageException("--defaults must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new UsageException($"--defaults is not valid JSON: {exception.Message}", exception);
        }
    }
}
