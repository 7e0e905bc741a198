using System.Text.Json.Nodes;

namespace VideoPipeline.Functions.Tests.BuildOutput;

/// <summary>
/// The Functions app as built: the folder of <c>VideoPipeline.Functions.dll</c> in the configuration under test, with
/// what the Worker SDK generated there (<c>functions.metadata</c>, <c>extensions.json</c>) and the <c>host.json</c> the
/// project copies. This is what the Functions host reads on Azure.
/// </summary>
public static class FunctionsAppOutput
{
    /// <summary>
    /// The connection the storage bindings and Durable's Azure Storage provider use when neither the binding nor
    /// host.json names one (<c>ConnectionStringNames.Storage</c> in the WebJobs SDK).
    /// </summary>
    public const string DefaultStorageConnection = "AzureWebJobsStorage";

    private static readonly Lazy<IReadOnlyList<FunctionMetadata>> LazyFunctions = new(() =>
        Read("functions.metadata").AsArray().Select(function => FunctionMetadata.From(function!.AsObject())).ToList());

    public static string Directory { get; } = BuildMetadata.Get("FunctionsAppOutputDirectory");

    public static IReadOnlyList<FunctionMetadata> Functions => LazyFunctions.Value;

    public static JsonObject HostJson => Read("host.json").AsObject();

    public static JsonObject ExtensionsJson => Read("extensions.json").AsObject();

    public static FunctionMetadata Function(string name) =>
        Functions.SingleOrDefault(function => function.Name == name)
        ?? throw new InvalidOperationException($"functions.metadata has no function '{name}'.");

    public static IEnumerable<FunctionMetadata> WithTrigger(string triggerKind) =>
        Functions.Where(function => function.TriggerKind == triggerKind);

    /// <summary>The app setting a binding expression such as <c>%Batches:QueueName%</c> reads (<c>Batches__QueueName</c>).</summary>
    public static string AppSettingOf(string bindingExpression)
    {
        if (bindingExpression.Length < 3 || bindingExpression[0] != '%' || bindingExpression[^1] != '%')
        {
            throw new InvalidOperationException($"'{bindingExpression}' is not a %setting% expression.");
        }

        return bindingExpression[1..^1].Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>
    /// The task hub's storage connection: host.json's <c>durableTask.storageProvider.connectionName</c> (or its older
    /// spelling <c>connectionStringName</c>), else the default.
    /// </summary>
    public static string DurableStorageConnection
    {
        get
        {
            var provider = HostJson["extensions"]?["durableTask"]?["storageProvider"];
            return (string?)provider?["connectionName"] ?? (string?)provider?["connectionStringName"] ?? DefaultStorageConnection;
        }
    }

    private static JsonNode Read(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist: build src/VideoPipeline.Functions first.");
        }

        return JsonNode.Parse(File.ReadAllText(path))
               ?? throw new InvalidOperationException($"{path} is empty.");
    }
}
