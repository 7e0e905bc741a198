using System.Text;
using Microsoft.AspNetCore.Http;

namespace VideoPipeline.Functions.Tests.Infrastructure;

/// <summary>ASP.NET Core requests as the Functions ASP.NET Core integration hands them to an HTTP trigger.</summary>
public static class Requests
{
    public const string ValidJob = """{"provider":"openai","model":"sora-2","prompt":"Cat","size":"1280x720","durationSeconds":12,"waitMode":"poll"}""";

    public static HttpRequest Create(string method, string? body = null, IDictionary<string, string>? headers = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
