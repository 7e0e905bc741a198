using Microsoft.AspNetCore.Mvc;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Functions.Http;

/// <summary>
/// Writes Core's host-neutral <see cref="ApiResponse"/> as an ASP.NET Core result: status, headers (e.g.
/// <c>Location</c>) and the body (JSON in Core's convention, or raw bytes for the dashboard and OpenAPI document).
/// The local host writes the same answer through its own result type, so both hosts speak one contract.
/// </summary>
public sealed class ApiResponseActionResult(ApiResponse response) : IActionResult
{
    public ApiResponse Response { get; } = response ?? throw new ArgumentNullException(nameof(response));

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext.Response;
        http.StatusCode = Response.StatusCode;
        foreach (var (name, value) in Response.Headers ?? new Dictionary<string, string>())
        {
            http.Headers[name] = value;
        }

        if (Response.Body is not null)
        {
            http.ContentType = Response.ContentType;
            http.ContentLength = Response.ContentLength;
            await Response.WriteBodyAsync(http.Body, context.HttpContext.RequestAborted);
        }
    }
}
