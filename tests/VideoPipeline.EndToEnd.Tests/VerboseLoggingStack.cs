namespace VideoPipeline.EndToEnd.Tests;

/// <summary>A pipeline logging everything (Trace), so a secret that reaches any log line shows up.</summary>
public sealed class VerboseLoggingStack : PipelineStack
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft"] = "Trace";
        settings["Logging:LogLevel:System"] = "Trace";
        settings["Logging:LogLevel:Azure"] = "Trace";
        settings["Logging:LogLevel:Azure.Core"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
    }
}
