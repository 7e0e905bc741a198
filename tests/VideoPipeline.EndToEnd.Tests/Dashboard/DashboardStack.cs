namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The pipeline with a function key configured, as on Azure, so the dashboard tests also cover entering the key and
/// sending it (header for API calls, <c>?code=</c> for video elements). The tests' own client sends the key.
/// </summary>
public sealed class DashboardStack : PipelineStack
{
    public const string FunctionKey = "dashboard-test-function-key";

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["LocalHost:FunctionKey"] = FunctionKey;
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }
}
