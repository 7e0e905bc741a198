using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.FoxApi;

/// <summary>FoxAPI POSTs the task-query JSON to the task's <c>callback_url</c>; no signature is documented.</summary>
internal sealed class FoxApiCallbackChannel(IOptions<EmulatorOptions> options) : ICallbackChannel
{
    public ProviderKind Provider => ProviderKind.FoxApi;

    public CallbackTarget? TargetFor(EmulatedTask task) =>
        task.CallbackUrl is { } url ? new CallbackTarget(url, options.Value.FoxApi.Callbacks) : null;

    public CallbackMessage CreateMessage(EmulatedTask task, DateTimeOffset asOf, DateTimeOffset now) =>
        new(JsonResults.ToWireBytes(FoxApiTaskJson.Query(task, asOf)));
}
