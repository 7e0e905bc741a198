using VideoPipeline.Core.Batches;

namespace VideoPipeline.Functions.Tests.BuildOutput;

/// <summary>The host.json and extensions.json the Functions host loads from the build output.</summary>
public class HostConfigurationTests
{
    [Fact]
    public void HostJson_QueuesMaxDequeueCount_EqualsBatchOptionsDefault()
    {
        // The batch intake moves a message to the poison queue at BatchOptions.MaxDequeueCount deliveries; the queue
        // trigger must not give up (and poison it without the intake's reason) earlier, nor deliver it more often.
        var maxDequeueCount = (int?)FunctionsAppOutput.HostJson["extensions"]?["queues"]?["maxDequeueCount"];

        Assert.Equal(new BatchOptions().MaxDequeueCount, maxDequeueCount);
    }

    [Fact]
    public void HostJson_TelemetryMode_IsOpenTelemetry()
    {
        // The worker exports OpenTelemetry (FunctionsApplicationBuilderExtensions); the host must too, so that host
        // and worker spans of one invocation correlate.
        Assert.Equal("OpenTelemetry", (string?)FunctionsAppOutput.HostJson["telemetryMode"]);
    }

    [Theory]
    [InlineData("DurableTask", "Microsoft.Azure.WebJobs.Extensions.DurableTask")]
    [InlineData("AzureStorageQueues", "Microsoft.Azure.WebJobs.Extensions.Storage.Queues")]
    public void ExtensionsJson_WebJobsExtension_IsListedWithItsAssemblyInTheOutput(string name, string assembly)
    {
        var extension = Assert.Single(FunctionsAppOutput.ExtensionsJson["extensions"]!.AsArray(),
            entry => (string?)entry!["name"] == name)!;
        var hintPath = (string)extension["hintPath"]!;

        Assert.Contains($", {assembly}, Version=", (string)extension["typeName"]!);
        Assert.Equal($"{assembly}.dll", Path.GetFileName(hintPath));
        Assert.True(File.Exists(Path.Combine(FunctionsAppOutput.Directory, hintPath)), $"{hintPath} is missing from the build output.");
    }
}
