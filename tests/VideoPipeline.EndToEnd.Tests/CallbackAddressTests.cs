using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>A callback address the providers would refuse: one warning at start-up, polling instead, clear 400s.</summary>
public class CallbackAddressTests(RefusedCallbackAddressStack stack) : IClassFixture<RefusedCallbackAddressStack>
{
    private const string Warning = "Callbacks from foxapi, apixo are off";

    [Fact]
    public async Task Start_PublicBaseUrlProvidersRefuse_WarnsOnceAndJobsPollToSuccess()
    {
        // The check runs as the host starts, not when a job first asks; a generous guard only against hanging.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Warnings() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, Warnings());

        var prompts = new[] { "foxapi", "apixo", "foxapi" }.Select(p => (Provider: p, Prompt: Requests.UniquePrompt("[emu:seconds=1]"))).ToList();
        var ids = new List<string>();
        foreach (var (provider, prompt) in prompts)
        {
            ids.Add(await stack.StartJobAsync(Requests.For(provider, prompt)));
        }

        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await stack.WaitForEndAsync(id))["status"]!.GetValue<string>());
        }

        foreach (var (_, prompt) in prompts)
        {
            var stats = await stack.PromptStatsAsync(prompt);
            Assert.Equal(0, PipelineStack.Count(stats, "callbacksSent"));
            Assert.True(PipelineStack.Count(stats, "statusCalls") >= 1);
        }

        Assert.Equal(1, Warnings());
    }

    [Theory]
    [InlineData("foxapi")]
    [InlineData("apixo")]
    public async Task PostVideo_WaitModeCallbackWhereProvidersRefuseTheAddress_Returns400OnWaitMode(string provider)
    {
        using var response = await stack.Http.PostAsJsonAsync("/api/videos", Requests.For(provider, Requests.UniquePrompt(), "callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject());
        Assert.Equal("waitMode", error.Key);
        Assert.Contains("public https", error.Value![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PostVideo_OpenAiWaitModeCallback_StillUsesTheProjectWebhook()
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1]");

        var id = await stack.StartJobAsync(Requests.For("openai", prompt, "callback"));

        Assert.Equal("succeeded", (await stack.WaitForEndAsync(id))["status"]!.GetValue<string>());
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "callbacksSent"));
    }

    private int Warnings() => Regex.Matches(stack.Host.Output, Regex.Escape(Warning)).Count;
}
