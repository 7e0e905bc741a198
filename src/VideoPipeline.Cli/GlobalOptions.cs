using System.CommandLine;
using Azure;
using VideoPipeline.Client;

namespace VideoPipeline.Cli;

/// <summary>The options every command takes: where the host is, its key, and machine output.</summary>
internal sealed class GlobalOptions
{
    public const string EndpointVariable = "VIDEOPIPELINE_ENDPOINT";
    public const string KeyVariable = "VIDEOPIPELINE_KEY";

    public static readonly Uri DefaultEndpoint = new("http://127.0.0.1:7071");

    public Option<Uri> Endpoint { get; } = CreateEndpoint();

    // No default value factory: help would print the key.
    public Option<string> Key { get; } = new("--key")
    {
        Description = $"The Functions key, sent as x-functions-key [env: {KeyVariable}]",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON to standard output (the service's shapes) instead of text; progress goes to standard error",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Endpoint);
        root.Options.Add(Key);
        root.Options.Add(Json);
    }

    public VideoPipelineClient CreateClient(ParseResult parse)
    {
        var endpoint = parse.GetValue(Endpoint)!;
        var key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable(KeyVariable);
        return string.IsNullOrEmpty(key)
            ? new VideoPipelineClient(endpoint)
            : new VideoPipelineClient(endpoint, new AzureKeyCredential(key));
    }

    private static Option<Uri> CreateEndpoint()
    {
        var endpoint = UriOption.Create("--endpoint", $"The host's base URL [env: {EndpointVariable}]");
        endpoint.Recursive = true;
        endpoint.DefaultValueFactory = result => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } value
            ? UriOption.Parse(value, result)!
            : DefaultEndpoint;
        return endpoint;
    }
}
