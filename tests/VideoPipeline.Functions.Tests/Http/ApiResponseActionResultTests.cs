using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Functions.Http;

namespace VideoPipeline.Functions.Tests.Http;

public class ApiResponseActionResultTests
{
    private static async Task<(HttpResponse Response, JsonElement? Body)> ExecuteAsync(ApiResponse answer)
    {
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;

        await new ApiResponseActionResult(answer).ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        if (body.Length == 0)
        {
            return (http.Response, null);
        }

        using var document = JsonDocument.Parse(body.ToArray());
        return (http.Response, document.RootElement.Clone());
    }

    [Fact]
    public async Task ExecuteResultAsync_Accepted_WritesStatusLocationAndCamelCaseBody()
    {
        var answer = ApiResponse.Json(202, new JobAccepted("job-1", JobStatus.Queued, "/api/videos/job-1", "/api/videos/job-1/cancel"),
            new Dictionary<string, string> { ["Location"] = "/api/videos/job-1" });

        var (response, body) = await ExecuteAsync(answer);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("/api/videos/job-1", response.Headers.Location.ToString());
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("job-1", body!.Value.GetProperty("id").GetString());
        Assert.Equal("queued", body.Value.GetProperty("status").GetString());
        Assert.Equal("/api/videos/job-1/cancel", body.Value.GetProperty("cancelUri").GetString());
    }

    [Fact]
    public async Task ExecuteResultAsync_Problem_WritesProblemJson()
    {
        var (response, body) = await ExecuteAsync(ApiResponse.Problem(404, "Job not found."));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(404, body!.Value.GetProperty("status").GetInt32());
        Assert.Equal("Job not found.", body.Value.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ExecuteResultAsync_Redirect_WritesLocationWithoutBody()
    {
        var (response, body) = await ExecuteAsync(ApiResponse.Redirect(new Uri("https://account.blob.core.windows.net/videos/a.mp4?sig=x")));

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("https://account.blob.core.windows.net/videos/a.mp4?sig=x", response.Headers.Location.ToString());
        Assert.Null(body);
    }
}
