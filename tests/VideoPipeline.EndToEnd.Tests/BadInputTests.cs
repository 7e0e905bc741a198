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

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"batch\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"items\":{}}")]
    [InlineData("{\"items\":\"a\"}")]
    [InlineData("{\"items\":[]}")]
    [InlineData("{\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}],\"itemsBlob\":\"c/b.jsonl\"}")]
    [InlineData("{\"itemsBlob\":\"no-slash\"}")]
    [InlineData("{\"itemsBlob\":5}")]
    [InlineData("{\"batchId\":\"has space\",\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"batchId\":\"\",\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"batchId\":\"-leading\",\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"batchId\":5,\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"defaults\":[],\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"defaults\":{\"idempotencyKey\":\"k\"},\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    [InlineData("{\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}],\"extra\":1}")]
    [InlineData("{\"batchId\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"items\":[{\"provider\":\"foxapi\",\"model\":\"sora-2\",\"prompt\":\"x\"}]}")]
    public async Task PostBatch_NotABatch_Returns400ProblemAndStartsNothing(string body)
    {
        using var response = await stack.Http.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task PostBatch_TooManyItems_Returns400AndStartsNothing()
    {
        var body = "{\"items\":[" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]}";

        using var response = await stack.Http.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task PostBatch_HugeBody_Returns413AndStartsNothing()
    {
        var body = "{\"items\":[{\"prompt\":\"" + new string('a', 8 * 1024 * 1024) + "\"}]}";

        using var response = await stack.Http.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStartedAsync();
    }

    private async Task AssertNothingStartedAsync()
    {
        Assert.Empty((await stack.Http.GetFromJsonAsync<JsonObject>("/api/videos?limit=200"))!["items"]!.AsArray());
        Assert.Empty((await stack.Http.GetFromJsonAsync<JsonObject>("/api/batches?limit=200"))!["items"]!.AsArray());
    }
}
