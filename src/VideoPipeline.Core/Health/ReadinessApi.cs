using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Health;

/// <summary>
/// <c>GET /api/ready</c>: whether this host can do its work now. One cheap call to each dependency, at once — Blob
/// Storage (the videos container), Queue Storage (the batch queue) and the durable task hub (an instance lookup) —
/// each bounded by <see cref="CheckTimeout"/>. 200 with each dependency's status when all answered; 503
/// problem+json naming the failing ones otherwise. Liveness (<c>/api/health</c>) stays a constant answer.
/// </summary>
public sealed class ReadinessApi(
    BlobServiceClient blobs,
    QueueServiceClient queues,
    DurableTaskClient orchestrations,
    IOptions<StorageOptions> storage,
    IOptions<BatchOptions> batches)
{
    /// <summary>Past this a dependency counts as down: a probe must answer well within a load balancer's timeout.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public const string BlobStorage = "blobStorage";
    public const string QueueStorage = "queueStorage";
    public const string TaskHub = "taskHub";

    // No job can have this id (job ids are "job-…" or batch item ids), so the lookup reads one row that is not there.
    private const string ProbeInstanceId = "readiness-probe";

    private const int MaxErrorLength = 200;

    public async Task<ApiResponse> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(
            CheckAsync(BlobStorage, ct => blobs.GetBlobContainerClient(storage.Value.VideosContainer).ExistsAsync(ct), cancellationToken),
            CheckAsync(QueueStorage, ct => queues.GetQueueClient(batches.Value.QueueName).ExistsAsync(ct), cancellationToken),
            CheckAsync(TaskHub, ct => orchestrations.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, ct), cancellationToken));
        var checks = results.ToDictionary(r => r.Name, r => r.Check);
        var failing = results.Where(r => r.Check.Status != DependencyCheck.Healthy).Select(r => r.Name).ToList();
        if (failing.Count == 0)
        {
            return ApiResponse.Json(200, new ReadinessReport("ready", checks));
        }

        return ApiResponse.Problem(503, "The host is not ready.", $"Failing: {string.Join(", ", failing)}.",
            extensions: new Dictionary<string, object> { ["checks"] = checks });
    }

    private static async Task<(string Name, DependencyCheck Check)> CheckAsync<T>(
        string name, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await call(timeout.Token);
            return (name, new DependencyCheck(DependencyCheck.Healthy, watch.ElapsedMilliseconds));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (name, Failed(watch, $"No answer within {CheckTimeout.TotalSeconds:0} s."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (name, Failed(watch, Describe(e)));
        }
    }

    private static DependencyCheck Failed(Stopwatch watch, string error) =>
        new(DependencyCheck.Unhealthy, watch.ElapsedMilliseconds, error);

    /// <summary>
    /// A short reason: the storage error code for an answer, the first line of the message otherwise. Azure SDK messages
    /// go on with response headers; none of that belongs in a probe's answer.
    /// </summary>
    private static string Describe(Exception e)
    {
        var text = e is RequestFailedException { Status: > 0 } failed
            ? $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd()
            : $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
