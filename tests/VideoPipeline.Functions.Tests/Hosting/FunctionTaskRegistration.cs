using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// Registers a Functions app's orchestration and activity trigger functions on a Durable Task worker under their
/// function names, as the Durable Functions extension dispatches them: the functions themselves run, not Core's classes
/// directly, so what is tested is what the app deploys.
/// </summary>
internal static class FunctionTaskRegistration
{
    public static DurableTaskRegistry AddTriggerFunctions(this DurableTaskRegistry registry, Assembly assembly, DataConverter converter)
    {
        foreach (var (name, method, _) in FunctionMethods.WithTrigger<OrchestrationTriggerAttribute>(assembly))
        {
            registry.AddOrchestrator(name, () => new FunctionOrchestrator(method, converter));
        }

        foreach (var (name, method, trigger) in FunctionMethods.WithTrigger<ActivityTriggerAttribute>(assembly))
        {
            registry.AddActivity(name, services => new FunctionActivity(method, trigger.ParameterType, services));
        }

        return registry;
    }

    /// <summary>
    /// An orchestration trigger function. Orchestrator functions have no dependencies worth injecting (they must not do
    /// I/O), so the class is created without a container; the function reads its input from the context.
    /// </summary>
    private sealed class FunctionOrchestrator(MethodInfo method, DataConverter converter) : ITaskOrchestrator
    {
        public Type InputType => typeof(JsonElement?);

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            FunctionMethods.InvokeAsync(method, EmptyServices.Instance,
                _ => new FunctionOrchestrationContext(context, (JsonElement?)input, converter), CancellationToken.None);
    }

    private sealed class FunctionActivity(MethodInfo method, Type inputType, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => inputType;

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            FunctionMethods.InvokeAsync(method, services, _ => input, CancellationToken.None);
    }

    private static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
