namespace VideoPipeline.EndToEnd.Tests;

/// <summary>
/// The pipeline with its <c>Pipeline:PublicBaseUrl</c> (plain http on loopback) as a self-hosted user might leave it,
/// and the emulator not listed as a development origin, so the pipeline treats FoxAPI and APIXO as the real services,
/// which refuse such a callback address.
/// </summary>
public sealed class RefusedCallbackAddressStack : PipelineStack
{
    protected override void Configure(IDictionary<string, string> settings) =>
        settings["Pipeline:DevelopmentAllowedOrigins:0"] = "http://127.0.0.1:9";
}
