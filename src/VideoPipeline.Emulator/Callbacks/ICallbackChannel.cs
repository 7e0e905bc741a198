using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Callbacks;

/// <summary>One provider's way of calling back: where to, and what body.</summary>
internal interface ICallbackChannel
{
    ProviderKind Provider { get; }

    /// <summary>Null when the task gets no callbacks (no URL, polling mode, no webhook configured).</summary>
    CallbackTarget? TargetFor(EmulatedTask task);

    /// <summary>The message describing the task as it is (or claims to be) at <paramref name="asOf"/>.</summary>
    CallbackMessage CreateMessage(EmulatedTask task, DateTimeOffset asOf, DateTimeOffset now);
}
