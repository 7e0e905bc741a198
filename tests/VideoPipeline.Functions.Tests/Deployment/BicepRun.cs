using System.Text.Json.Nodes;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>What one Bicep CLI command did: its exit code and both output streams.</summary>
public sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>
    /// The diagnostics of a command run with <c>--diagnostics-format sarif</c>, as "file(line): level rule: message".
    /// <c>lint</c> writes the SARIF log to standard output, <c>build</c> (with <c>--outfile</c>) to standard error.
    /// </summary>
    public IReadOnlyList<string> SarifDiagnostics()
    {
        var log = new[] { StandardOutput, StandardError }.FirstOrDefault(text => text.TrimStart().StartsWith('{'))
                  ?? throw new InvalidOperationException($"{this} printed no SARIF log.");
        return JsonNode.Parse(log)!["runs"]!.AsArray()
            .SelectMany(run => run!["results"]!.AsArray())
            .Select(result =>
            {
                var location = result!["locations"]?[0]?["physicalLocation"];
                return $"{Path.GetFileName((string?)location?["artifactLocation"]?["uri"])}({(int?)location?["region"]?["startLine"]}): " +
                       $"{(string?)result["level"] ?? "warning"} {(string?)result["ruleId"]}: {(string?)result["message"]?["text"]}";
            })
            .ToList();
    }

    public override string ToString() =>
        $"bicep {Command} (exit code {ExitCode})\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
