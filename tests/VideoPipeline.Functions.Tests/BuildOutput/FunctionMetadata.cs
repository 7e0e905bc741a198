using System.Text.Json.Nodes;

namespace VideoPipeline.Functions.Tests.BuildOutput;

/// <summary>
/// One function of the built <c>functions.metadata</c>. The Worker SDK's <c>FunctionMetadataJsonWriter</c> writes
/// camelCase names and leaves out what is unset; a binding carries its <c>name</c>, <c>type</c>, <c>direction</c> and the
/// attribute's properties that the code sets (so an unset <c>Connection</c> is absent, not empty).
/// </summary>
public sealed record FunctionMetadata(string Name, string ScriptFile, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    public static FunctionMetadata From(JsonObject function) => new(
        (string)function["name"]!,
        (string)function["scriptFile"]!,
        (string)function["entryPoint"]!,
        function["bindings"]!.AsArray().Select(binding => binding!.AsObject()).ToList());

    /// <summary>The function's one trigger binding (<c>httpTrigger</c>, <c>activityTrigger</c>, …).</summary>
    public JsonObject Trigger => Bindings.Single(binding => TriggerType(binding) is not null);

    public string TriggerKind => TriggerType(Trigger)!;

    /// <summary>A trigger's string property, null when the code does not set it.</summary>
    public string? TriggerProperty(string name) => (string?)Trigger[name];

    private static string? TriggerType(JsonObject binding) =>
        (string?)binding["type"] is { } type && type.EndsWith("Trigger", StringComparison.Ordinal) ? type : null;
}
