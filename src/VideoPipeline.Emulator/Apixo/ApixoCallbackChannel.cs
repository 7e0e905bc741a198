using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Apixo;

/// <summary>APIXO POSTs the status envelope to <c>callback_url</c> for tasks submitted with <c>request_type=callback</c>.</summary>
internal sealed class ApixoCallbackChannel(IOptions<EmulatorOptions> options) : ICallbackChannel
{
    public ProviderKind Provider => ProviderKind.Apixo;

    public CallbackTarget? TargetFor(EmulatedTask task) =>
        task.CallbackUrl is { } url ? new CallbackTarget(url, options.Value.Apixo.Callbacks, RequiresExactly200: true) : null;

    public CallbackMessage CreateMessage(EmulatedTask task, DateTimeOffset asOf, DateTimeOffset now) =>
        new(JsonResults.ToWireBytes(ApixoTaskJson.Status(task, asOf)));
}
