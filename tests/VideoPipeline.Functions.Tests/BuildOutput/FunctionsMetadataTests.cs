using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Tests.BuildOutput;

/// <summary>
/// The built <c>functions.metadata</c> — what the Functions host indexes — against the HTTP contract
/// (<c>openapi.json</c>), the workflow's activity names and the batch settings.
/// </summary>
public class FunctionsMetadataTests
{
    /// <summary>The local host also serves the dashboard at the site root; the Functions host serves routes under its prefix only.</summary>
    private static readonly string[] DocumentedButNotServedByFunctions = ["GET /"];

    /// <summary>Every Functions route is documented, the dashboard and its assets included.</summary>
    private static readonly string[] ServedByFunctionsButNotDocumented = [];

    /// <summary>
    /// Callbacks and the webhook carry their own credential (per-job HMAC token, Standard Webhooks signature); the
    /// probes and the dashboard reveal nothing. Everything else needs a function key.
    /// </summary>
    private static readonly string[] AnonymousFunctions =
        ["ProviderCallback", "OpenAiWebhook", "Health", "Readiness", "Dashboard", "DashboardAsset"];

    private static readonly string[] HttpMethods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    [Fact]
    public void HttpFunctions_ComparedWithOpenApi_ServeEveryDocumentedRouteButTheListedOnes()
    {
        var served = HttpRoutes().Keys.ToHashSet();
        var documented = DocumentedOperations().Keys.ToHashSet();

        Assert.Equal(DocumentedButNotServedByFunctions.Order(), documented.Except(served).Order());
        Assert.Equal(ServedByFunctionsButNotDocumented.Order(), served.Except(documented).Order());
    }

    [Fact]
    public void HttpFunctions_AuthLevels_AreAnonymousOnlyForCallbacksWebhookProbesAndDashboard()
    {
        foreach (var function in FunctionsAppOutput.WithTrigger("httpTrigger"))
        {
            var expected = AnonymousFunctions.Contains(function.Name) ? "Anonymous" : "Function";
            Assert.True(expected == function.TriggerProperty("authLevel"),
                $"{function.Name} has authLevel {function.TriggerProperty("authLevel")}, expected {expected}.");
        }

        Assert.All(AnonymousFunctions, name => Assert.Equal("httpTrigger", FunctionsAppOutput.Function(name).TriggerKind));
    }

    [Fact]
    public void HttpFunctions_AuthLevels_MatchTheSecurityOpenApiDocumentsForTheirRoutes()
    {
        var documented = DocumentedOperations();
        foreach (var (route, function) in HttpRoutes().Where(served => documented.ContainsKey(served.Key)))
        {
            // An operation with "security": [] overrides the document's function-key requirement.
            var documentedAnonymous = documented[route]["security"] is JsonArray { Count: 0 };
            var anonymous = function.TriggerProperty("authLevel") == "Anonymous";
            Assert.True(documentedAnonymous == anonymous,
                $"{route} ({function.Name}) is {(anonymous ? "anonymous" : "keyed")}; openapi.json says {(documentedAnonymous ? "anonymous" : "keyed")}.");
        }
    }

    [Fact]
    public void Orchestrator_VideoJob_IsTheOnlyOrchestrationTrigger()
    {
        var orchestrator = Assert.Single(FunctionsAppOutput.WithTrigger("orchestrationTrigger"));

        Assert.Equal(ActivityNames.Orchestrator, orchestrator.Name);
        Assert.Single(orchestrator.Bindings);
    }

    [Fact]
    public void ActivityFunctions_ComparedWithThePipelineTasks_AreExactlyTheWorkflowsActivities()
    {
        var workflowActivities = VideoPipelineTasks.Activities.Select(activity => activity.Name);

        var activityFunctions = FunctionsAppOutput.WithTrigger("activityTrigger").Select(function => function.Name);

        Assert.Equal(workflowActivities.Order(), activityFunctions.Order());
    }

    [Fact]
    public void ActivityFunctions_Signatures_TakeAndReturnWhatTheCoreActivityDoes()
    {
        var functions = typeof(VideoJobOrchestratorFunction).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            .ToDictionary(method => method.GetCustomAttribute<FunctionAttribute>()!.Name);

        foreach (var activity in VideoPipelineTasks.Activities)
        {
            var function = functions[activity.Name];
            var trigger = function.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            Assert.Equal(activity.InputType, trigger.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(activity.OutputType), function.ReturnType);
        }
    }

    [Fact]
    public void QueueTrigger_StartJobsFromQueue_ReadsTheBatchesQueueSettingOverHostStorage()
    {
        var function = Assert.Single(FunctionsAppOutput.WithTrigger("queueTrigger"));

        Assert.Equal("StartJobsFromQueue", function.Name);
        Assert.Equal($"%{BatchOptions.SectionName}:{nameof(BatchOptions.QueueName)}%", function.TriggerProperty("queueName"));
        // No connection of its own: the host's storage, which infra/ configures with the managed identity.
        Assert.Null(function.TriggerProperty("connection"));
        Assert.Contains(function.Bindings, binding => (string?)binding["type"] == "durableClient");
    }

    [Fact]
    public void EntryPoints_OfEveryFunction_AreMethodsOfTheBuiltAssembly()
    {
        var assembly = typeof(VideoJobOrchestratorFunction).Assembly;

        foreach (var function in FunctionsAppOutput.Functions)
        {
            Assert.Equal(Path.GetFileName(assembly.Location), function.ScriptFile);
            Assert.True(File.Exists(Path.Combine(FunctionsAppOutput.Directory, function.ScriptFile)), $"{function.ScriptFile} is not in the output.");
            var separator = function.EntryPoint.LastIndexOf('.');
            var type = assembly.GetType(function.EntryPoint[..separator]);
            Assert.True(type?.GetMethod(function.EntryPoint[(separator + 1)..]) is not null,
                $"{function.Name}: {function.EntryPoint} is not a method of {assembly.GetName().Name} (stale build output?).");
        }
    }

    /// <summary>"METHOD /prefix/route" of every HTTP function, as the host serves it.</summary>
    private static Dictionary<string, FunctionMetadata> HttpRoutes()
    {
        var prefix = (string?)FunctionsAppOutput.HostJson["extensions"]?["http"]?["routePrefix"] ?? "api";
        return FunctionsAppOutput.WithTrigger("httpTrigger")
            .SelectMany(function => function.Trigger["methods"]!.AsArray()
                .Select(method => (Route: $"{((string)method!).ToUpperInvariant()} /{prefix}/{function.TriggerProperty("route")}", function)))
            .ToDictionary(entry => entry.Route, entry => entry.function);
    }

    /// <summary>"METHOD /path" → operation of openapi.json.</summary>
    private static Dictionary<string, JsonObject> DocumentedOperations()
    {
        var document = JsonNode.Parse((byte[])OpenApiDocument.Get().Body!)!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => HttpMethods.Contains(operation.Key.ToUpperInvariant()))
                .Select(operation => (Route: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!.AsObject())))
            .ToDictionary(entry => entry.Route, entry => entry.Operation);
    }
}
