namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The pipeline with a function key configured, as on Azure, so the dashboard tests also cover entering the key and
/// sending it (header for API calls, <c>?code=</c> for video elements). The tests' own client sends the key. A trace
/// URL template (the .NET Aspire dashboard's trace page) makes each job card link to its trace.
/// </summary>
public sealed class DashboardStack : PipelineStack
{
    public const string FunctionKey = "dashboard-test-function-key";

    public const string TraceUrlTemplate = "http://localhost:18888/traces/detail/{traceId}";

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["LocalHost:FunctionKey"] = FunctionKey;
        settings["Telemetry:TraceUrlTemplate"] = TraceUrlTemplate;
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }
}
