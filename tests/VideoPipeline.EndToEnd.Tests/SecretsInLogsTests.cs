using System.Text;
using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests;

public class SecretsInLogsTests(VerboseLoggingStack stack) : IClassFixture<VerboseLoggingStack>
{
    [Fact]
    public async Task Logs_AfterJobsCallbacksAndWebhooks_ContainNoKeyOrSecret()
    {
        var ids = new List<string>();
        foreach (var provider in new[] { "foxapi", "openai", "apixo" })
        {
            ids.Add(await stack.StartJobAsync(Requests.For(provider, Requests.UniquePrompt("[emu:seconds=1]"), "callback")));
            ids.Add(await stack.StartJobAsync(Requests.For(provider, Requests.UniquePrompt("[emu:seconds=1]"), "poll")));
        }

        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await stack.WaitForEndAsync(id))["status"]!.GetValue<string>());
        }

        await stack.Http.PostAsync($"/api/callbacks/foxapi/{ids[0]}?token=forged", new StringContent("{}", Encoding.UTF8, "application/json"));

        var log = stack.Host.Output;
        var options = stack.Emulator.Options;
        var secrets = new[]
        {
            options.FoxApi.ApiKey, options.OpenAi.ApiKey, options.Apixo.ApiKey, PipelineStack.CallbackSecret,
            options.OpenAi.WebhookSecret, options.OpenAi.WebhookSecret["whsec_".Length..], AzuriteInstance.AccountKey,
        };
        Assert.True(log.Length > 10_000, "The verbose host should have logged plenty: " + log.Length);
        foreach (var secret in secrets)
        {
            AssertAbsent(log, secret);
        }

        AssertAbsent(log, "token=");
        AssertAbsent(log, "Bearer ");
    }

    private static void AssertAbsent(string log, string needle)
    {
        var line = log.Split('\n').FirstOrDefault(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase));
        Assert.True(line is null, $"'{needle[..Math.Min(6, needle.Length)]}…' appears in the host log: {line}");
    }
}
