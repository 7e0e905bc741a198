using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Runs activities on the thread pool, each in its own DI scope, at most
/// <see cref="LocalRuntimeOptions.MaxConcurrentActivities"/> at once per process. A thrown exception becomes a failure
/// line for the journal; cancellation (runtime stopping, instance lost or ended) yields no result at all.
/// </summary>
internal sealed class ActivityExecutor(
    LocalRuntimeRegistry registry, IServiceScopeFactory scopes, IOptions<LocalRuntimeOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentActivities);

    /// <returns>The completion or failure line; <c>At</c> is replaced when it is journaled.</returns>
    public Task<JournalEntry> RunAsync(JournalEntry scheduled, CancellationToken cancellationToken) =>
        Task.Run(() => InvokeAsync(scheduled, cancellationToken), CancellationToken.None);

    private async Task<JournalEntry> InvokeAsync(JournalEntry scheduled, CancellationToken cancellationToken)
    {
        var sequence = scheduled.Sequence!.Value;
        var activity = registry.FindActivity(scheduled.Name!);
        if (activity is null)
        {
            return JournalEntry.ActivityFailed(
                sequence, "ActivityNotFound", $"No activity named '{scheduled.Name}' is registered.", Now());
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await activity.InvokeAsync(scope.ServiceProvider, scheduled.Data!, cancellationToken);
            return JournalEntry.ActivityCompleted(sequence, result, Now());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return JournalEntry.ActivityFailed(sequence, e.GetType().FullName ?? e.GetType().Name, e.Message, Now());
        }
        finally
        {
            _slots.Release();
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
