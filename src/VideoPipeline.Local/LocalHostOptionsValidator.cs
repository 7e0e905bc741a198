using Microsoft.Extensions.Options;

namespace VideoPipeline.Local;

/// <summary>Reports every invalid <see cref="LocalHostOptions"/> setting at once, at start-up.</summary>
internal sealed class LocalHostOptionsValidator : IValidateOptions<LocalHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalHostOptions options)
    {
        var failures = new List<string>();
        if (options.Emulator.BaseUrl is { } emulator
            && (!emulator.IsAbsoluteUri || (emulator.Scheme != Uri.UriSchemeHttp && emulator.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.Emulator)}:{nameof(EmulatorConnectionOptions.BaseUrl)} " +
                         "must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
