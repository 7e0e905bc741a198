using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>The methods of an assembly marked <c>[Function]</c>, found the way the Worker SDK indexes them.</summary>
internal static class FunctionMethods
{
    /// <summary>
    /// What the host binds to a non-trigger parameter of the app's queue and timer functions: the engine's client for
    /// <c>[DurableClient]</c>; nothing else is bound.
    /// </summary>
    public static object BindDurableClient(ParameterInfo parameter, IServiceProvider services) =>
        parameter.GetCustomAttribute<DurableClientAttribute>() is not null
            ? services.GetRequiredService<DurableTaskClient>()
            : throw new InvalidOperationException($"Cannot bind parameter '{parameter.Name}'.");

    public static IEnumerable<(string Name, MethodInfo Method, ParameterInfo Trigger)> WithTrigger<TTrigger>(Assembly assembly)
        where TTrigger : Attribute =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        let trigger = method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<TTrigger>() is not null)
        where trigger is not null
        select (function.Name, method, trigger);

    /// <summary>
    /// Invokes a function method as the worker would: an instance of its class from <paramref name="services"/> (the
    /// Functions worker creates function classes with their constructor dependencies), the trigger value, bound
    /// values by type, and the invocation's cancellation token.
    /// </summary>
    public static async Task<object?> InvokeAsync(
        MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken)
    {
        var instance = method.IsStatic ? null : Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters()
            .Select(parameter => parameter.ParameterType == typeof(CancellationToken) ? cancellationToken : bind(parameter))
            .ToArray();
        var returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
