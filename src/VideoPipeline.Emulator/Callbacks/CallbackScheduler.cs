using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Faults;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Callbacks;

/// <summary>
/// Plans each task's callbacks from its <c>[emu:callback=…]</c> directive and runs them in the background until
/// they are delivered, abandoned, or the emulator is reset or stopped. At start-up it resumes the callbacks that
/// tasks kept from an earlier run still owe, as a provider's own restart would not drop them: late, but sent.
/// </summary>
internal sealed partial class CallbackScheduler : IHostedService, IDisposable
{
    private readonly Dictionary<ProviderKind, ICallbackChannel> _channels;
    private readonly CallbackDispatcher _dispatcher;
    private readonly TaskStore _store;
    private readonly TimeProvider _time;
    private readonly EmulatorOptions _options;
    private readonly ILogger<CallbackScheduler> _logger;
    private CancellationTokenSource _lifetime = new();

    public CallbackScheduler(
        IEnumerable<ICallbackChannel> channels,
        CallbackDispatcher dispatcher,
        TaskStore store,
        TimeProvider time,
        IOptions<EmulatorOptions> options,
        ILogger<CallbackScheduler> logger)
    {
        _channels = channels.ToDictionary(c => c.Provider);
        _dispatcher = dispatcher;
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var task in _store.All.Where(t => !t.CallbacksFinished))
        {
            Schedule(task);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Schedule(EmulatedTask task)
    {
        var channel = _channels[task.Provider];
        if (task.Directives.Callback == CallbackMode.None || channel.TargetFor(task) is not { } target)
        {
            return;
        }

        var cancellationToken = Volatile.Read(ref _lifetime).Token;
        _ = Task.Run(() => RunAsync(task, channel, target, cancellationToken), CancellationToken.None);
    }

    /// <summary>Cancels every planned or running callback (used by <c>POST /emulator/reset</c>).</summary>
    public void CancelAll()
    {
        // Not disposed: callbacks still running may be registering on its token; cancelled is enough.
        Interlocked.Exchange(ref _lifetime, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => _lifetime.Cancel();

    private async Task RunAsync(EmulatedTask task, ICallbackChannel channel, CallbackTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var mode = task.Directives.Callback;
            if (mode == CallbackMode.Early)
            {
                // Claims the final state while the status endpoint still reports processing.
                await DelayUntilAsync(task.CreatedAt + task.GenerationTime / 2, cancellationToken);
                var claim = channel.CreateMessage(task, task.CompletedAt, _time.GetUtcNow());
                await _dispatcher.DeliverAsync(task, target, claim, cancellationToken);
            }

            var sendAt = mode == CallbackMode.Late ? task.CompletedAt + _options.LateCallbackDelay : task.CompletedAt;
            await DelayUntilAsync(sendAt, cancellationToken);
            var message = channel.CreateMessage(task, task.CompletedAt, _time.GetUtcNow());
            await _dispatcher.DeliverAsync(task, target, message, cancellationToken);
            if (mode == CallbackMode.Duplicate)
            {
                await _dispatcher.DeliverAsync(task, target, message, cancellationToken);
            }

            _store.MarkCallbacksFinished(task);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(task.Id);
        }
        catch (Exception exception)
        {
            LogCrashed(exception, task.Id);
        }
    }

    private Task DelayUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        var wait = when - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callbacks for {TaskId} cancelled by reset or shutdown")]
    private partial void LogCancelled(string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callbacks for {TaskId} stopped unexpectedly")]
    private partial void LogCrashed(Exception exception, string taskId);
}
