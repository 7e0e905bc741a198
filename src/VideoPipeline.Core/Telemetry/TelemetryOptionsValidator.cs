using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Telemetry;

/// <summary>A trace URL template must be an absolute http(s) URL with the trace id placeholder.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var template = options.TraceUrlTemplate;
        if (string.IsNullOrEmpty(template))
        {
            return ValidateOptionsResult.Success;
        }

        var key = $"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.TraceUrlTemplate)}";
        if (!template.Contains(TelemetryOptions.TraceIdPlaceholder, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"{key} must contain {TelemetryOptions.TraceIdPlaceholder}.");
        }

        var sample = template.Replace(TelemetryOptions.TraceIdPlaceholder, "0", StringComparison.Ordinal);
        return Uri.TryCreate(sample, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} must be an absolute http or https URL.");
    }
}
