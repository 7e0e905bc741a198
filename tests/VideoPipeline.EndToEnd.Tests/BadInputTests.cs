using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests;

public class BadInputTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [MemberData(nameof(InvalidRequestCorpus.Cases), MemberType = typeof(InvalidRequestCorpus))]
    public async Task PostVideo_InvalidRequest_Returns400ProblemNamingTheFieldsAndStartsNothing(string body, string[] fields)
    {
        using var response = await stack.Http.PostAsync("/api/videos", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        foreach (var field in fields)
        {
            Assert.True(errors.ContainsKey(field), $"expected an error for '{field}', got {errors.ToJsonString()}");
        }

        Assert.Empty((await stack.Http.GetFromJsonAsync<JsonObject>("/api/videos?limit=200"))!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"provider\":\"foxapi\",}")]
    [InlineData("null")]
    [InlineData("\"a string\"")]
    [InlineData("\u00ff\u00fe")]
    public async Task PostVideo_NotJson_Returns400Problem(string body)
    {
        using var response = await stack.Http.PostAsync("/api/videos", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(65 * 1024)]
    [InlineData(8 * 1024 * 1024)]
    public async Task PostVideo_HugeBody_Returns413Problem(int size)
    {
        var body = "{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"" + new string('a', size) + "\"}";

        using var response = await stack.Http.PostAsync("/api/videos", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("key\twith\ttabs")]
    public async Task PostVideo_BadIdempotencyKey_Returns400(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/videos")
        {
            Content = JsonContent.Create(Requests.For("foxapi", Requests.UniquePrompt())),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await stack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
