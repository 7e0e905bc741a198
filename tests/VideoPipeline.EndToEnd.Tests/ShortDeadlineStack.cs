namespace VideoPipeline.EndToEnd.Tests;

/// <summary>A pipeline whose jobs give up after a few seconds, to reach the deadline quickly.</summary>
public sealed class ShortDeadlineStack : PipelineStack
{
    protected override void Configure(IDictionary<string, string> settings) => settings["Pipeline:JobDeadline"] = "00:00:04";
}
