using VideoPipeline.Emulator;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>
/// The pipeline with APIXO's limits lifted on both sides (0 = unlimited): the load test measures the runtime with a
/// thousand jobs, a third of them APIXO's, which its 60 requests per minute would stretch over many minutes.
/// </summary>
public sealed class LoadStack : PipelineStack
{
    protected override void ConfigureEmulator(EmulatorOptions options) =>
        options.Apixo.RateLimit = new RateLimitOptions { RequestsPerMinute = 0, MaxConcurrentTasks = 0 };

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Providers:Apixo:RequestsPerMinute"] = "0";
        settings["Providers:Apixo:MaxConcurrentTasks"] = "0";
    }
}
