using VideoPipeline.Core.Api;

namespace VideoPipeline.Local.Api;

/// <summary>Writes a host-neutral <see cref="ApiResponse"/> as an ASP.NET Core result.</summary>
public sealed class ApiResponseResult(ApiResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            http.ContentType = response.ContentType;
            http.ContentLength = response.ContentLength;
            await response.WriteBodyAsync(http.Body, httpContext.RequestAborted);
        }
    }
}
