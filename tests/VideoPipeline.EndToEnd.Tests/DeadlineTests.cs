namespace VideoPipeline.EndToEnd.Tests;

public class DeadlineTests(ShortDeadlineStack stack) : IClassFixture<ShortDeadlineStack>
{
    [Theory]
    [MemberData(nameof(Requests.Providers), MemberType = typeof(Requests))]
    public async Task Job_ProviderSlowerThanDeadline_FailsWithTimeout(string provider)
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=300]");

        var job = await stack.WaitForEndAsync(await stack.StartJobAsync(Requests.For(provider, prompt, "poll")));

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("timeout", job["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
    }
}
