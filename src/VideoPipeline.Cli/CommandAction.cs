using System.CommandLine;
using Azure;

namespace VideoPipeline.Cli;

/// <summary>Runs a command's body and turns what can go wrong into a message and an exit code.</summary>
internal static class CommandAction
{
    public static void Set(Command command, GlobalOptions global, Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CliContext(parse, global);
            try
            {
                return await body(context, parse, cancellationToken);
            }
            catch (RequestFailedException exception)
            {
                ReportRequestFailure(context, exception);
                return exception.Status is >= 400 and < 500 ? ExitCodes.RequestRejected : ExitCodes.ServiceUnavailable;
            }
            catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is RequestFailedException { Status: 0 }))
            {
                // The pipeline's retries all failed to get an answer (connection refused, timeouts).
                context.WriteError($"error: the service did not answer after {exception.InnerExceptions.Count} tries: {exception.InnerExceptions[^1].Message}");
                return ExitCodes.ServiceUnavailable;
            }
            catch (InvalidDataException exception)
            {
                context.WriteError($"error: {exception.Message}");
                return ExitCodes.DownloadNotVerified;
            }
            catch (UsageException exception)
            {
                context.WriteError($"error: {exception.Message}");
                return ExitCodes.UsageError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.WriteError("Interrupted; the job goes on at the service.");
                return ExitCodes.Interrupted;
            }
        });

    private static void ReportRequestFailure(CliContext context, RequestFailedException exception)
    {
        var response = exception.GetRawResponse();
        if (context.Json && response?.Content is { } content && IsJson(response))
        {
            Console.Out.WriteLine(content.ToString());
        }

        // The problem's title and detail, then one line per failing field (the client puts them in Data).
        var message = exception.Message.Split('\n', 2)[0];
        context.WriteError(exception.Status == 0
            ? $"error: the service did not answer: {message}"
            : $"error: HTTP {exception.Status}: {message}");
        foreach (var key in exception.Data.Keys.Cast<object>().Select(k => k.ToString()).Where(k => k is not null))
        {
            context.WriteError($"  {key}: {exception.Data[key!]}");
        }
    }

    private static bool IsJson(Response response) =>
        response.Headers.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
}
