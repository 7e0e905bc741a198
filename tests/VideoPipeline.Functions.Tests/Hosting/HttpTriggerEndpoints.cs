using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// Serves a Functions app's HTTP trigger functions at their routes under the host's <c>api</c> prefix, binding what the
/// ASP.NET Core integration binds: the <see cref="HttpRequest"/>, route values by parameter name, the
/// <c>[DurableClient]</c> <see cref="DurableTaskClient"/> and the cancellation token; the <see cref="IActionResult"/> is
/// executed on the response. Function keys are not checked, as Core Tools does not check them either.
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static IEndpointRouteBuilder MapHttpTriggerFunctions(this IEndpointRouteBuilder endpoints, Assembly assembly)
    {
        foreach (var (name, method, trigger) in FunctionMethods.WithTrigger<HttpTriggerAttribute>(assembly))
        {
            var attribute = trigger.GetCustomAttribute<HttpTriggerAttribute>()!;
            var methods = attribute.Methods ?? throw new InvalidOperationException($"{name} names no HTTP methods.");
            endpoints.MapMethods($"/api/{attribute.Route}", methods.Select(m => m.ToUpperInvariant()), http => InvokeAsync(method, http))
                .WithName(name);
        }

        return endpoints;
    }

    private static async Task InvokeAsync(MethodInfo method, HttpContext http)
    {
        var result = await FunctionMethods.InvokeAsync(method, http.RequestServices, parameter => Bind(parameter, http), http.RequestAborted);
        var action = result as IActionResult
                     ?? throw new InvalidOperationException($"{method.DeclaringType!.Name} returned {result?.GetType().Name ?? "null"}, not an IActionResult.");
        await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    private static object? Bind(ParameterInfo parameter, HttpContext http)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return http.Request;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return http.RequestServices.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(string) && http.GetRouteValue(parameter.Name!) is string value)
        {
            return value;
        }

        throw new InvalidOperationException($"Cannot bind parameter '{parameter.Name}' of {parameter.Member.DeclaringType!.Name}.");
    }
}
