using System.Diagnostics;
using OpenTelemetry.Trace;

namespace VideoPipeline.Local.Telemetry;

/// <summary>
/// The root sampler: drops client spans that start a trace. Outgoing calls made outside any request or job — the
/// durable engine polling its queues every second, the batch queue listener — would otherwise each be a trace of one
/// span; the same calls made for a request or a job are children and stay.
/// </summary>
internal sealed class BackgroundClientCallSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
