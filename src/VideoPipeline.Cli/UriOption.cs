using System.CommandLine;
using System.CommandLine.Parsing;

namespace VideoPipeline.Cli;

/// <summary>Options whose value is an absolute http(s) URL (System.CommandLine has no converter for <see cref="Uri"/>).</summary>
internal static class UriOption
{
    public static Option<Uri> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "url",
        CustomParser = result => Parse(result.Tokens.Single().Value, result),
    };

    public static Uri? Parse(string value, ArgumentResult result)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{value}' is not an http or https URL.");
        return null;
    }
}
