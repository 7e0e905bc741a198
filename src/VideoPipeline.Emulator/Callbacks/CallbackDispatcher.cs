using System.Net.Http.Headers;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Callbacks;

/// <summary>Delivers one message with the provider's timeout and retry schedule, counting every attempt.</summary>
internal sealed partial class CallbackDispatcher(
    IHttpClientFactory httpClients, EmulatorStats stats, TimeProvider time, ILogger<CallbackDispatcher> logger)
{
    public const string HttpClientName = "VideoPipeline.Emulator.Callbacks";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task DeliverAsync(EmulatedTask task, CallbackTarget target, CallbackMessage message, CancellationToken cancellationToken)
    {
        var delays = target.Options.RetryDelays;
        for (var attempt = 0; attempt <= delays.Length; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(delays[attempt - 1], time, cancellationToken);
            }

            stats.Record(StatKind.CallbacksSent, task.Provider, task);
            var outcome = await AttemptAsync(target, message, cancellationToken);
            if (outcome is null)
            {
                stats.Record(StatKind.CallbacksDelivered, task.Provider, task);
                LogDelivered(task.Id, Loggable(target.Url), attempt + 1);
                return;
            }

            stats.Record(StatKind.CallbacksFailed, task.Provider, task);
            LogAttemptFailed(task.Id, Loggable(target.Url), attempt + 1, outcome);
        }

        stats.Record(StatKind.CallbacksAbandoned, task.Provider, task);
        LogAbandoned(task.Id, Loggable(target.Url), delays.Length + 1);
    }

    /// <returns>Null on success, else why the attempt failed.</returns>
    private async Task<string?> AttemptAsync(CallbackTarget target, CallbackMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new ByteArrayContent(message.Body) { Headers = { ContentType = Json } },
        };
        foreach (var (name, value) in message.HeadersForAttempt?.Invoke(time.GetUtcNow()) ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = new CancellationTokenSource(target.Options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            var accepted = target.RequiresExactly200
                ? response.StatusCode == System.Net.HttpStatusCode.OK
                : response.IsSuccessStatusCode;
            return accepted ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {target.Options.Timeout}";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>The address without its query: callback URLs carry the job's token there, and logs are no place for it.</summary>
    private static string Loggable(Uri url) => url.GetLeftPart(UriPartial.Path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for {TaskId} delivered to {Url} on attempt {Attempt}")]
    private partial void LogDelivered(string taskId, string url, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for {TaskId} to {Url} failed on attempt {Attempt}: {Reason}")]
    private partial void LogAttemptFailed(string taskId, string url, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for {TaskId} to {Url} abandoned after {Attempts} attempts")]
    private partial void LogAbandoned(string taskId, string url, int attempts);
}
