namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>
/// One host's behaviour for <see cref="HoldActivity"/>: its worker's name, and when the activity may return. Every
/// start is recorded in the shared <see cref="RecoveryLog"/>.
/// </summary>
public sealed class Hold(string workerId, RecoveryLog log)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public static Hold Released(string workerId, RecoveryLog log)
    {
        var hold = new Hold(workerId, log);
        hold.Release();
        return hold;
    }

    public void Release() => _released.TrySetResult();

    public async Task<string> RunAsync()
    {
        log.HoldStarted(workerId);
        _started.TrySetResult();
        await _released.Task;
        return $"held by {workerId}";
    }
}
