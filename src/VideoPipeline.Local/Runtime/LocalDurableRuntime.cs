using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// The hosted side of the local durable runtime: finds unfinished instances nobody owns (new ones, or a crashed
/// owner's once its lease lapsed), takes their leases and runs them; routes inbox items to the runners it owns.
/// Stopping with an already-cancelled token abandons everything as a crash would: nothing is released or written.
/// </summary>
internal sealed class LocalDurableRuntime : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, InstanceRunner> _runners = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly InstanceRunnerServices _services;
    private Task _loops = Task.CompletedTask;
    private volatile bool _running;

    public LocalDurableRuntime(
        RuntimeStorage storage,
        JournalStore journals,
        InboxStore inbox,
        InstanceIndex index,
        LocalRuntimeRegistry registry,
        ActivityExecutor activities,
        IOptions<LocalRuntimeOptions> options,
        TimeProvider time,
        ILogger<LocalDurableRuntime> logger)
    {
        _services = new InstanceRunnerServices(
            storage, journals, inbox, index, registry, activities, options.Value, time, logger);
    }

    private LocalRuntimeOptions Options => _services.Options;

    /// <summary>Starts the background loops; storage that is not reachable yet is retried there, not fatal here.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = true;
        _loops = Task.WhenAll(DiscoverAsync(_stopping.Token), PollInboxAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var graceful = !cancellationToken.IsCancellationRequested;
        _running = false;
        await _stopping.CancelAsync();
        await _loops;
        var runners = _runners.Values.ToList();
        await Task.WhenAll(runners.Select(r => r.Completion));
        if (graceful)
        {
            await Task.WhenAll(runners.Select(r => r.ReleaseLeaseAsync(cancellationToken)));
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Whether a runner of this process is working on the instance (it holds, or just lost, the lease).</summary>
    public bool Owns(string instanceId) => _runners.ContainsKey(instanceId);

    /// <summary>Passes a signal to the instance's runner when this process owns it; other owners poll.</summary>
    public void Notify(string instanceId, RunnerSignal signal)
    {
        if (_runners.TryGetValue(instanceId, out var runner))
        {
            runner.Signal(signal);
        }
    }

    /// <summary>Starts a new instance here at once instead of at the next discovery.</summary>
    public void NotifyCreated(string instanceId)
    {
        if (_running)
        {
            _ = TryOwnAsync(instanceId, _stopping.Token);
        }
    }

    private async Task TryOwnAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_runners.ContainsKey(instanceId))
        {
            return;
        }

        try
        {
            var lease = _services.Storage.Lock(instanceId).GetBlobLeaseClient(Guid.NewGuid().ToString());
            try
            {
                await lease.AcquireAsync(Options.LeaseDuration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Owned by another runner, or finished meanwhile.
                return;
            }

            var runner = new InstanceRunner(instanceId, lease, _services);
            if (cancellationToken.IsCancellationRequested || !_runners.TryAdd(instanceId, runner))
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
                return;
            }

            runner.Start(cancellationToken);
            _ = runner.Completion.ContinueWith(
                _ =>
                {
                    // While stopping, StopAsync still needs the runner to release its lease.
                    if (!_stopping.IsCancellationRequested)
                    {
                        _runners.TryRemove(new KeyValuePair<string, InstanceRunner>(instanceId, runner));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _services.Logger.LogWarning(e, "Could not take ownership of instance {InstanceId}.", instanceId);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Lists the lock blobs, which exist only for unfinished instances, so the cost follows the number of running
    /// instances, not of all instances ever run.
    /// </summary>
    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _services.Storage.EnsureContainerAsync(cancellationToken);
                await foreach (var blob in _services.Storage.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None,
                                   prefix: RuntimeStorage.LockPrefix, cancellationToken: cancellationToken))
                {
                    var instanceId = blob.Name[RuntimeStorage.LockPrefix.Length..];
                    if (blob.Properties.LeaseState != LeaseState.Leased && !_runners.ContainsKey(instanceId))
                    {
                        await TryOwnAsync(instanceId, cancellationToken);
                    }
                }

                await Task.Delay(Options.DiscoveryInterval, _services.Time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _services.Logger.LogWarning(e, "Looking for unowned instances failed.");
                await DelayQuietlyAsync(Options.DiscoveryInterval, cancellationToken);
            }
        }
    }

    /// <summary>
    /// One listing of the whole inbox per poll, whatever the number of instances. Items of instances owned here wake
    /// their runner; items left behind by an instance that has since finished (no lock any more) are removed.
    /// </summary>
    private async Task PollInboxAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _services.Storage.EnsureContainerAsync(cancellationToken);
                var woken = new HashSet<string>(StringComparer.Ordinal);
                var unfinished = new Dictionary<string, bool>(StringComparer.Ordinal);
                await foreach (var blob in _services.Storage.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None,
                                   prefix: RuntimeStorage.InboxRoot, cancellationToken: cancellationToken))
                {
                    var path = blob.Name[RuntimeStorage.InboxRoot.Length..];
                    var slash = path.IndexOf('/');
                    if (slash <= 0)
                    {
                        continue;
                    }

                    var instanceId = path[..slash];
                    if (_runners.TryGetValue(instanceId, out var runner))
                    {
                        if (woken.Add(instanceId))
                        {
                            runner.Signal(new RunnerSignal(RunnerSignalKind.InboxChanged));
                        }

                        continue;
                    }

                    if (blob.Properties.CreatedOn is { } created
                        && _services.Time.GetUtcNow() - created > Options.LeaseDuration * 2)
                    {
                        if (!unfinished.TryGetValue(instanceId, out var hasLock))
                        {
                            hasLock = await _services.Storage.Lock(instanceId).ExistsAsync(cancellationToken);
                            unfinished[instanceId] = hasLock;
                        }

                        if (!hasLock)
                        {
                            await _services.Storage.Container.GetBlobClient(blob.Name)
                                .DeleteIfExistsAsync(cancellationToken: cancellationToken);
                        }
                    }
                }

                await Task.Delay(Options.PollInterval, _services.Time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _services.Logger.LogWarning(e, "Polling the inbox failed.");
                await DelayQuietlyAsync(Options.PollInterval, cancellationToken);
            }
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _services.Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop condition ends it.
        }
    }
}
