using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Watch;

namespace VideoPipeline.Local.Watch;

/// <summary>
/// Runs the task watch's rounds (<see cref="TaskWatchSweeper"/>) while this host holds the watch's blob lease, so that
/// of several local hosts on one storage account one watches: the next round when the next check falls due, and at
/// least every <see cref="TaskWatchOptions.RoundInterval"/> (for new registrations and rescans). The lease is taken
/// and renewed by a loop of its own, so that no round waits for storage: a check needs only the provider. A host that
/// stops releases the lease; one that died hands over when its lease lapses.
/// </summary>
public sealed partial class TaskWatchService(
    TaskWatchSweeper sweeper,
    DurableTaskClient client,
    PipelineStateContainer state,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<TaskWatchService> logger) : BackgroundService
{
    private const string LeaseBlobName = "leases/task-watch";

    // Between two rounds, so that checks failing at once (a provider down) never make the loop spin.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    // Until when (UTC ticks) the lease is surely this host's: its duration counted from before the request that took
    // or renewed it. Written by the lease loop, read by the rounds.
    private long _heldUntilTicks;

    private bool HoldsLease => time.GetUtcNow().UtcTicks < Volatile.Read(ref _heldUntilTicks);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var leaseLoop = HoldLeaseAsync(settings, stopping.Token);
        try
        {
            while (true)
            {
                var nextRound = time.GetUtcNow() + settings.RoundInterval;
                try
                {
                    if (HoldsLease && await sweeper.RunRoundAsync(client, stoppingToken) is { } nextDue && nextDue < nextRound)
                    {
                        nextRound = nextDue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(e);
                }

                var wait = nextRound - time.GetUtcNow();
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync();
            await leaseLoop;
        }
    }

    /// <summary>
    /// Takes the lease when it is free (trying every round interval) and renews it every third of its duration while
    /// this host holds it; releases it when the host stops.
    /// </summary>
    private async Task HoldLeaseAsync(TaskWatchOptions settings, CancellationToken stoppingToken)
    {
        BlobLeaseClient? lease = null;
        try
        {
            while (true)
            {
                try
                {
                    var requestedAt = time.GetUtcNow();
                    lease = await TryHoldLeaseAsync(lease, settings.LeaseDuration, stoppingToken);
                    Volatile.Write(ref _heldUntilTicks, lease is null ? 0 : (requestedAt + settings.LeaseDuration).UtcTicks);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Still held until it lapses, unless a renewal gets through before.
                    LogLeaseRequestFailed(e);
                }

                await Task.Delay(lease is null ? settings.RoundInterval : settings.LeaseDuration / 3, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _heldUntilTicks, 0);
            if (lease is not null)
            {
                await ReleaseAsync(lease);
            }
        }
    }

    /// <summary>Renews the lease this host holds, or takes it when it is free; null while another host holds it.</summary>
    private async Task<BlobLeaseClient?> TryHoldLeaseAsync(BlobLeaseClient? held, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (held is not null)
        {
            try
            {
                await held.RenewAsync(cancellationToken: cancellationToken);
                return held;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                LogLeaseLost();
            }
        }

        var container = await state.EnsureCreatedAsync(cancellationToken);
        var blob = container.GetBlobClient(LeaseBlobName);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The first host on this account: the lease needs its blob. (Creating it only then spares a standby
                // host, which tries every round, a request a second.)
                await CreateLeaseBlobAsync(blob, cancellationToken);
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            }

            LogLeaseTaken();
            return lease;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    private static async Task CreateLeaseBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host created it meanwhile (and may hold it, which the acquisition finds out).
        }
    }

    private async Task ReleaseAsync(BlobLeaseClient lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await lease.ReleaseAsync(cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            // It lapses by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task watch: this host watches the waiting jobs' provider tasks")]
    private partial void LogLeaseTaken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task watch: the lease went to another host; watching stops here")]
    private partial void LogLeaseLost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task watch: taking or renewing the lease failed; trying again")]
    private partial void LogLeaseRequestFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task watch: a round failed; trying again next round")]
    private partial void LogRoundFailed(Exception exception);
}
