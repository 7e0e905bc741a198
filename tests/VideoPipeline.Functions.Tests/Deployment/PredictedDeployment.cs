using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>The predicted resources and outputs of a <c>bicep snapshot</c>, with look-ups by type and by reference.</summary>
public sealed class PredictedDeployment(IReadOnlyList<JsonObject> resources, JsonObject outputs)
{
    public IReadOnlyList<JsonObject> Resources { get; } = resources;

    /// <summary>The template's outputs, which azd stores in the environment (e.g. <c>AZURE_KEY_VAULT_NAME</c>).</summary>
    public JsonObject Outputs { get; } = outputs;

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"The deployment has {matches.Count} resources of type {type}, expected one.");
    }

    public string IdOf(string type) => (string)Single(type)["id"]!;

    /// <summary>The function app's application settings (the <c>Microsoft.Web/sites/config</c> named <c>appsettings</c>).</summary>
    public JsonObject AppSettings =>
        OfType("Microsoft.Web/sites/config").Single(config => ((string)config["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))
            ["properties"]!.AsObject();

    /// <summary>Names of the child resources of one type, e.g. the blob containers of the account (the last name segment).</summary>
    public IReadOnlyList<string> ChildNames(string type) =>
        OfType(type).Select(resource => ((string)resource["name"]!).Split('/')[^1]).ToList();

    /// <summary>The resource a role assignment applies to: the scope its id is built on.</summary>
    public static string ScopeOf(JsonObject roleAssignment) =>
        Regex.Match((string)roleAssignment["id"]!, @"^\[extensionResourceId\('([^']+)'") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Role assignment {roleAssignment["id"]} is not scoped to a resource.");

    /// <summary>
    /// The expression of a value only known once <paramref name="resourceId"/> exists, such as
    /// <c>[reference('…/storageAccounts/st1', '2023-01-01').primaryEndpoints.blob]</c>.
    /// </summary>
    public static bool IsReference(string? value, string resourceId, string property) =>
        value is not null && Regex.IsMatch(value, ReferencePattern(resourceId, property, anchored: true));

    /// <summary>Whether an expression uses such a value, e.g. inside <c>format(…)</c>.</summary>
    public static bool UsesReference(string? value, string resourceId, string property) =>
        value is not null && Regex.IsMatch(value, ReferencePattern(resourceId, property, anchored: false));

    private static string ReferencePattern(string resourceId, string property, bool anchored)
    {
        var reference = $@"reference\('{Regex.Escape(resourceId)}', '[^']+'\)\.{Regex.Escape(property)}";
        return anchored ? $@"^\[{reference}\]$" : $@"{reference}(?![\w.])";
    }
}
