using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Local.Api;

/// <summary>
/// Accepts the same <c>x-functions-key</c> header (or <c>code</c> query parameter) as Azure Functions'
/// <c>AuthorizationLevel.Function</c>, when a key is configured. Provider callbacks carry their own per-job token
/// and webhooks their signature, so those routes are exempt.
/// </summary>
public sealed class FunctionKeyFilter(IOptions<LocalHostOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = options.Value.FunctionKey;
        var request = context.HttpContext.Request;
        if (string.IsNullOrEmpty(key)
            || request.Path.StartsWithSegments("/api/callbacks")
            || request.Path.StartsWithSegments("/api/webhooks"))
        {
            return await next(context);
        }

        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return await next(context);
        }

        return new ApiResponseResult(ApiResponse.Problem(401, "Missing or invalid function key.",
            "Send the key in the x-functions-key header."));
    }
}
