using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Core.Tests.Telemetry;

public class TelemetryOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://localhost:18888/traces/detail/{traceId}")]
    [InlineData("https://portal.example/trace?id={traceId}")]
    public void Validate_NoTemplateOrAnHttpUrlWithThePlaceholder_Succeeds(string? template)
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { TraceUrlTemplate = template });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://localhost:16686/trace/", "{traceId}")]
    [InlineData("javascript:alert({traceId})", "http or https")]
    [InlineData("/traces/{traceId}", "http or https")]
    public void Validate_TemplateWithoutPlaceholderOrNotHttp_FailsNamingTheSetting(string template, string reason)
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { TraceUrlTemplate = template });

        Assert.True(result.Failed);
        Assert.Contains("Telemetry:TraceUrlTemplate", result.FailureMessage);
        Assert.Contains(reason, result.FailureMessage);
    }
}
